import type { ServerResponse } from 'node:http';
import { createSimulatedOpenRouter } from '../../../src/server/simulator.js';
import {
  startUpstream,
  TEST_API_KEY,
  type RecordedRequest,
  type TestUpstream,
  type UpstreamResponder,
} from '../../node/helpers/servers.js';

/**
 * The proxy's upstream in these tests: the simulated OpenRouter (instant pace) on a real
 * loopback socket, recording every request, where a test can take over the answer to its
 * own requests by naming the model {@link ScriptedUpstream.script} gave it. One upstream
 * serves the whole suite because each recipe reads a single base URL.
 */
export interface ScriptedUpstream extends TestUpstream {
  /** Answers requests for the returned model id with `respond` instead of the simulator. */
  script(respond: UpstreamResponder): string;
}

export async function startScriptedUpstream(): Promise<ScriptedUpstream> {
  const simulator = createSimulatedOpenRouter({ apiKey: TEST_API_KEY, chunkDelayMs: 0, firstTokenDelayMs: 0 });
  const scripts = new Map<string, UpstreamResponder>();
  const upstream = await startUpstream((response, recorded, request) => {
    const scripted = scripts.get(modelOf(recorded) ?? '');
    if (scripted !== undefined) scripted(response, recorded, request);
    else void relay(simulator(toWebRequest(recorded)), response);
  });
  return Object.assign(upstream, {
    script(respond: UpstreamResponder): string {
      const model = `test/scripted-${scripts.size + 1}`;
      scripts.set(model, respond);
      return model;
    },
  });
}

function modelOf(recorded: RecordedRequest): string | undefined {
  try {
    return (JSON.parse(recorded.body) as { model?: string }).model;
  } catch {
    return undefined;
  }
}

function toWebRequest(recorded: RecordedRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(recorded.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  const hasBody = recorded.method !== 'GET' && recorded.method !== 'HEAD';
  return new Request(`http://upstream${recorded.url}`, { method: recorded.method, headers, body: hasBody ? recorded.body : null });
}

/** Writes a Web response to Node, chunk by chunk; a closed connection cancels its body. */
async function relay(answer: Promise<Response>, response: ServerResponse): Promise<void> {
  const web = await answer;
  response.writeHead(web.status, Object.fromEntries(web.headers));
  if (web.body === null) return void response.end();
  const reader = web.body.getReader();
  response.once('close', () => void reader.cancel().catch(() => {}));
  for (let read = await reader.read(); !read.done; read = await reader.read()) response.write(read.value);
  response.end();
}
