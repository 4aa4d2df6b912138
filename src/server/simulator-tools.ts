/**
 * What the simulated OpenRouter does with tools and web search: a request with tools and no
 * result after the last user message gets a call of the first tool (the first two with
 * `/parallel-tools`), its arguments filled from the schema's required properties and
 * streamed in fragments; a request with results gets an answer quoting each; a request
 * with web search gets an answer citing two sources.
 */

/** A call the simulator makes. */
export interface SimulatedCall {
  id: string;
  name: string;
  arguments: string;
}

/** What the simulator answers, as far as tools go. */
export type ToolPlan =
  | { kind: 'calls'; calls: SimulatedCall[] }
  | { kind: 'results'; answer: string }
  | { kind: 'search' }
  | { kind: 'none' };

interface WireTool {
  type?: unknown;
  function?: { name?: unknown; parameters?: { properties?: Record<string, { type?: unknown; enum?: unknown[] }>; required?: unknown } };
}

interface WireMessage {
  role?: unknown;
  content?: unknown;
  tool_call_id?: unknown;
  tool_calls?: { id?: unknown; function?: { name?: unknown } }[];
}

/** The two sources a searched answer cites. */
export const SIMULATED_SOURCES = [
  { url: 'https://openrouter.ai/docs/guides/features/server-tools/web-search', title: 'Web search · OpenRouter' },
  { url: 'https://developer.mozilla.org/en-US/docs/Web/API/Server-sent_events', title: 'Server-sent events · MDN' },
];

let callCount = 0;

/** Reads the request's tools, history and model for what to answer. */
export function planTools(body: { tools?: unknown; messages?: unknown; plugins?: unknown; model?: unknown }, prompt: string): ToolPlan {
  const messages = Array.isArray(body.messages) ? (body.messages as WireMessage[]) : [];
  const lastUser = messages.map((message) => message?.role).lastIndexOf('user');
  const results = messages.slice(lastUser + 1).filter((message) => message?.role === 'tool');
  if (results.length) return { kind: 'results', answer: quoteResults(results, messages) };
  const tools = Array.isArray(body.tools) ? (body.tools as WireTool[]) : [];
  const functions = tools.filter((tool) => tool?.type === 'function' && typeof tool.function?.name === 'string');
  if (functions.length) {
    const called = functions.slice(0, prompt.includes('/parallel-tools') ? 2 : 1);
    return { kind: 'calls', calls: called.map((tool) => ({ id: `call_sim_${++callCount}`, name: tool.function!.name as string, arguments: JSON.stringify(exampleArguments(tool)) })) };
  }
  const searched =
    tools.some((tool) => tool?.type === 'openrouter:web_search') ||
    (Array.isArray(body.plugins) && body.plugins.some((plugin: { id?: unknown } | null) => plugin?.id === 'web')) ||
    (typeof body.model === 'string' && body.model.endsWith(':online'));
  return searched ? { kind: 'search' } : { kind: 'none' };
}

/**
 * The fragments of the calls as a provider streams them: the id and name once, then the
 * arguments in four pieces cut anywhere (inside strings too), the calls interleaved.
 */
export function callFragments(calls: readonly SimulatedCall[]): object[][] {
  const pieces = 4;
  const rounds: object[][] = [];
  for (let piece = 0; piece < pieces; piece++) {
    rounds.push(
      calls.map((call, index) => {
        const size = Math.ceil(call.arguments.length / pieces);
        const args = call.arguments.slice(piece * size, (piece + 1) * size);
        return piece === 0 ? { index, id: call.id, type: 'function', function: { name: call.name, arguments: args } } : { index, function: { arguments: args } };
      }),
    );
  }
  return rounds;
}

/** The searched answer's text: the sources' numbers are what the citations point at. */
export function searchedAnswer(prompt: string): string {
  return `I searched the web for "${prompt.trim().slice(0, 60)}". Two sources came up [1][2]: OpenRouter's guide to its web search tool, and MDN's page on server-sent events.`;
}

/** The `url_citation` annotation of a source, as OpenRouter sends it. */
export function citation(source: (typeof SIMULATED_SOURCES)[number], text: string): object {
  return { type: 'url_citation', url_citation: { url: source.url, title: source.title, content: source.title, start_index: 0, end_index: text.length } };
}

function quoteResults(results: readonly WireMessage[], messages: readonly WireMessage[]): string {
  const names = new Map<unknown, unknown>();
  for (const message of messages) for (const call of message?.tool_calls ?? []) names.set(call?.id, call?.function?.name);
  const lines = results.map((result) => `- Tool \`${String(names.get(result.tool_call_id) ?? 'unknown')}\` returned: \`${String(result.content).slice(0, 200)}\``);
  return `Here is what the tools said:\n\n${lines.join('\n')}`;
}

/** Required properties filled with plain examples (an enum's first value, where there is one). */
function exampleArguments(tool: WireTool): Record<string, unknown> {
  const { properties = {}, required } = tool.function?.parameters ?? {};
  const names = Array.isArray(required) ? required.filter((name): name is string => typeof name === 'string') : [];
  return Object.fromEntries(names.map((name) => [name, exampleValue(properties[name])]));
}

function exampleValue(schema: { type?: unknown; enum?: unknown[] } | undefined): unknown {
  if (Array.isArray(schema?.enum) && schema.enum.length) return schema.enum[0];
  switch (schema?.type) {
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return 'example "quoted" é';
  }
}
