import { errorResponse } from './errors.js';
import { simulatedCatalogResponse } from './simulator-catalog.js';
import { carriesImage, contentText, describeAttachments, NO_IMAGE_INPUT_MESSAGE } from './simulator-attachments.js';
import {
  answerFor,
  errorMessage,
  parseCommand,
  reasoningFor,
  splitIntoDeltas,
  type SimulatorCommand,
} from './simulator-script.js';
import { callFragments, citation, planTools, searchedAnswer, SIMULATED_SOURCES, type ToolPlan } from './simulator-tools.js';

/** Options of {@link createSimulatedOpenRouter}. */
export interface SimulatedOpenRouterOptions {
  /** Pause between content deltas, in ms. Default 35 (a brisk model); 0 for tests. */
  chunkDelayMs?: number;
  /** Pause before the first token, while a keep-alive comment is out. Default 300 ms. */
  firstTokenDelayMs?: number;
  /** Interval of `: OPENROUTER PROCESSING` comments when waiting longer. Default 1000 ms. */
  keepAliveIntervalMs?: number;
  /** `Retry-After` of a simulated 429, in seconds. Default 5. */
  retryAfterSeconds?: number;
  /** When set, only `Authorization: Bearer <apiKey>` is accepted; otherwise any bearer token. */
  apiKey?: string;
}

interface Pace {
  chunkDelayMs: number;
  firstTokenDelayMs: number;
  keepAliveIntervalMs: number;
}

interface Generation {
  id: string;
  model: string;
  created: number;
}

const KEEP_ALIVE = ': OPENROUTER PROCESSING\n\n';
/** `/slow` stretches every pause by this much (a pace of 0 stays 0, for tests). */
const SLOW_FACTOR = 8;
/** How many content deltas `/midstream-error`, `/truncate` and `/stall` send first. */
const DELTAS_BEFORE_FAILURE = 4;
/** Simulated prices, USD per token, so the usage chunk carries a plausible cost. */
const PROMPT_PRICE = 0.000_000_5;
const COMPLETION_PRICE = 0.000_001_5;

let generationCount = 0;

/**
 * A stand-in for OpenRouter's `POST /chat/completions` that speaks its streaming wire
 * format: keep-alive comments, a role chunk, content deltas (reasoning first for models
 * whose id contains `thinking`), the finish chunk, the usage chunk with cost, `[DONE]`.
 * Commands in the last user message make it fail in each way the real one can (see
 * `SIMULATOR_COMMANDS`). Web-standard, so it runs in-process (as a proxy's `fetch`) or
 * behind the Node adapter as a real server; it stops generating when its request is
 * aborted or its body cancelled.
 */
export function createSimulatedOpenRouter(
  options: SimulatedOpenRouterOptions = {},
): (request: Request) => Promise<Response> {
  const pace: Pace = {
    chunkDelayMs: options.chunkDelayMs ?? 35,
    firstTokenDelayMs: options.firstTokenDelayMs ?? 300,
    keepAliveIntervalMs: options.keepAliveIntervalMs ?? 1000,
  };
  const retryAfterSeconds = options.retryAfterSeconds ?? 5;

  return async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname.endsWith('/models') && request.method === 'GET') return simulatedCatalogResponse();
    if (!pathname.endsWith('/chat/completions')) {
      return errorResponse(404, 'Not Found');
    }
    if (request.method !== 'POST') return errorResponse(405, 'Method Not Allowed');
    const token = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
    if (token === undefined || (options.apiKey !== undefined && token !== options.apiKey)) {
      return errorResponse(401, 'No auth credentials found');
    }
    const body = await request.json().catch(() => undefined);
    const content = lastUserContent(body);
    if (content === undefined) return errorResponse(400, 'messages must contain a user message');
    if ((body as { stream?: unknown }).stream !== true) {
      return errorResponse(400, 'The simulated OpenRouter only streams: send "stream": true');
    }
    const requested = (body as { model?: unknown }).model;
    const { messages } = body as { messages: unknown[] };
    if (typeof requested === 'string' && requested.includes('text-only') && carriesImage(messages)) {
      return errorResponse(404, NO_IMAGE_INPUT_MESSAGE);
    }
    const prompt = contentText(content);

    const command = parseCommand(prompt);
    if (command.kind === 'error') {
      const headers: Record<string, string> =
        command.status === 429 ? { 'retry-after': String(retryAfterSeconds) } : {};
      return errorResponse(command.status, errorMessage(command.status), headers);
    }
    if (command.kind === 'html') {
      return new Response(`<html><body><h1>${command.status} Bad Gateway</h1></body></html>`, {
        status: command.status,
        headers: { 'content-type': 'text/html' },
      });
    }
    if (command.kind === 'hang') {
      await whenAborted(request.signal);
      return errorResponse(499, 'Client closed request');
    }

    const model = typeof requested === 'string' && requested !== 'openrouter/auto' ? requested : 'openrouter/simulated';
    generationCount += 1;
    const generation: Generation = {
      id: `gen-simulated-${generationCount}-${Date.now().toString(36)}`,
      model,
      created: Math.floor(Date.now() / 1000),
    };
    const stop = new AbortController();
    request.signal.addEventListener('abort', () => stop.abort(), { once: true });
    const attachments = describeAttachments(content);
    const preface = attachments === undefined ? '' : `${attachments}\n\n`;
    const plan = planTools(body as Parameters<typeof planTools>[0], prompt);
    const frames = script(command, plan, prompt, preface, promptLength(messages), generation, pace, stop.signal);
    return new Response(toByteStream(frames, stop), {
      status: 200,
      headers: {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        'x-generation-id': generation.id,
      },
    });
  };
}

/**
 * The SSE frames of one simulated generation, paced, ending early when `signal` aborts.
 * `preface` comes before the answer (the attachments line).
 */
async function* script(
  command: SimulatorCommand,
  plan: ToolPlan,
  prompt: string,
  preface: string,
  promptChars: number,
  generation: Generation,
  pace: Pace,
  signal: AbortSignal,
): AsyncGenerator<string> {
  const chunkDelayMs = command.kind === 'slow' ? pace.chunkDelayMs * SLOW_FACTOR : pace.chunkDelayMs;
  yield KEEP_ALIVE;
  if (command.kind === 'keepalive-only') {
    for (;;) {
      await sleep(pace.keepAliveIntervalMs, signal);
      yield KEEP_ALIVE;
    }
  }
  await sleep(pace.firstTokenDelayMs, signal);
  if (command.kind === 'slow') {
    await sleep(pace.keepAliveIntervalMs, signal);
    yield KEEP_ALIVE;
  }
  yield chunk(generation, { role: 'assistant', content: '' });

  let reasoning = '';
  if (generation.model.includes('thinking')) {
    reasoning = reasoningFor(prompt);
    for (const piece of splitIntoDeltas(reasoning)) {
      await sleep(chunkDelayMs, signal);
      yield chunk(generation, { role: 'assistant', content: '', reasoning: piece });
    }
  }

  if (plan.kind === 'calls') {
    for (const fragments of callFragments(plan.calls)) {
      await sleep(chunkDelayMs, signal);
      yield chunk(generation, { role: 'assistant', content: null, tool_calls: fragments });
    }
    yield* ending(generation, 'tool_calls', promptChars, reasoning.length, JSON.stringify(plan.calls).length);
    return;
  }
  // After tool results, the quotes come first and the usual answer follows, so commands still work.
  const usual = preface + answerFor(prompt, command.kind === 'long');
  const answer = plan.kind === 'results' ? `${plan.answer}\n\n${usual}` : plan.kind === 'search' ? searchedAnswer(prompt) : usual;
  const deltas = splitIntoDeltas(answer);
  // A searched answer cites its sources both ways providers do: in a delta, and on the choice.
  const cited = plan.kind === 'search';
  if (cited) {
    yield chunk(generation, { role: 'assistant', content: '', annotations: [citation(SIMULATED_SOURCES[0]!, answer)] });
  }
  const failsEarly = command.kind === 'midstream-error' || command.kind === 'truncate' || command.kind === 'stall';
  for (const piece of failsEarly ? deltas.slice(0, DELTAS_BEFORE_FAILURE) : deltas) {
    await sleep(chunkDelayMs, signal);
    yield chunk(generation, { role: 'assistant', content: piece });
  }
  if (command.kind === 'truncate') return;
  if (command.kind === 'stall') {
    await whenAborted(signal);
    return;
  }
  if (command.kind === 'midstream-error') {
    yield dataFrame({
      ...chunkBase(generation),
      error: { code: 'server_error', message: 'Provider disconnected unexpectedly (simulated)' },
      choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }],
    });
    return;
  }

  yield* ending(generation, 'stop', promptChars, reasoning.length, answer.length, cited ? [citation(SIMULATED_SOURCES[1]!, answer)] : undefined);
}

/** The finish chunk (with `annotations` on the choice, when given), the usage chunk and `[DONE]`. */
function* ending(
  generation: Generation,
  finishReason: 'stop' | 'tool_calls',
  promptChars: number,
  reasoningChars: number,
  answerChars: number,
  annotations?: object[],
): Generator<string> {
  yield chunk(generation, { role: 'assistant', content: '' }, finishReason, annotations && { annotations });
  const promptTokens = estimateTokens(promptChars);
  const reasoningTokens = estimateTokens(reasoningChars);
  const completionTokens = estimateTokens(answerChars) + reasoningTokens;
  yield dataFrame({
    ...chunkBase(generation),
    choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null, native_finish_reason: null, logprobs: null }],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      cost: roundCost(promptTokens * PROMPT_PRICE + completionTokens * COMPLETION_PRICE),
      is_byok: false,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: reasoningTokens },
    },
  });
  yield 'data: [DONE]\n\n';
}

function chunk(
  generation: Generation,
  delta: { role: 'assistant'; content: string | null; reasoning?: string; tool_calls?: object[]; annotations?: object[] },
  finishReason: 'stop' | 'tool_calls' | null = null,
  onChoice: object = {},
): string {
  return dataFrame({
    ...chunkBase(generation),
    choices: [{ index: 0, delta, finish_reason: finishReason, native_finish_reason: finishReason, logprobs: null, ...onChoice }],
  });
}

function chunkBase(generation: Generation): Record<string, unknown> {
  return {
    id: generation.id,
    provider: 'Simulated',
    model: generation.model,
    object: 'chat.completion.chunk',
    created: generation.created,
  };
}

function dataFrame(payload: unknown): string {
  return `data: ${JSON.stringify(payload)}\n\n`;
}

/**
 * Pulls one frame per read, so nothing is generated ahead of a slow reader, and cancelling
 * the body (the client went away) stops the generator in the middle of its pause.
 */
function toByteStream(frames: AsyncGenerator<string>, stop: AbortController): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await frames.next();
          if (done) controller.close();
          else controller.enqueue(encoder.encode(value));
        } catch (error) {
          if (!stop.signal.aborted) return controller.error(error);
          // An abort mid-pause is the normal way a generation ends early. The body may
          // already be cancelled, and then it cannot be closed twice.
          try {
            controller.close();
          } catch {
            // Already cancelled by the reader: nothing left to end.
          }
        }
      },
      cancel() {
        stop.abort();
      },
    },
    { highWaterMark: 0 },
  );
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(new Error('aborted'));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function whenAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** The content of the last user message: a string or an array of parts. */
function lastUserContent(body: unknown): string | unknown[] | undefined {
  const messages = (body as { messages?: unknown } | undefined)?.messages;
  if (!Array.isArray(messages)) return undefined;
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index] as { role?: unknown; content?: unknown } | null;
    if (message?.role === 'user') {
      const { content } = message;
      return typeof content === 'string' || Array.isArray(content) ? content : undefined;
    }
  }
  return undefined;
}

/** The conversation's text, for the usage chunk (attachments are not priced here). */
function promptLength(messages: readonly unknown[]): number {
  return messages.reduce<number>((total, message) => total + contentText((message as { content?: unknown } | null)?.content).length, 0);
}

/** About four characters per token, OpenAI's rule of thumb for English. */
function estimateTokens(chars: number): number {
  return Math.ceil(chars / 4);
}

function roundCost(usd: number): number {
  return Math.round(usd * 1e9) / 1e9;
}
