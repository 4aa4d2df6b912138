/**
 * The proxy's own tools: the loop that runs the model's calls to them and keeps streaming
 * one answer to the client. Platform-free: it reads upstream through a `ChunkReader` and is
 * read by the relay as one, so both adapters share it.
 *
 * What the client sees is a standard stream. The calls to server tools are taken out of the
 * deltas, and the finish, usage and `[DONE]` of a step that called them are held back. The
 * proxy runs the calls (in parallel, with the client's abort signal), sends the results
 * upstream and streams the next step into the same response. Between steps it sends two
 * chunks without choices, which plain OpenAI clients skip. Their `openrouter_chat` member
 * carries `server_tool_calls` (before the tools run) and `server_tool_results` (after),
 * which the element shows. The last step's usage is the sum of every step's.
 *
 * @module
 */
import { createSseParser } from '../sse/parser.js';
import type { ChunkRead, ChunkReader, RequestHead, UpstreamTransport } from './exchange.js';
import type { AssistantMessage, ChatMessage, ToolCall } from './messages.js';
import type { ResolvedChatOptions } from './options.js';
import { redactText } from './redact.js';
import { describeUpstreamFailure, requestUpstream, upstreamInit } from './upstream.js';
import type { UpstreamChatBody } from './validate.js';

/** A server tool's result past this is cut, with a note: the model pays for every character on every later step. */
export const MAX_SERVER_RESULT_CHARS = 1_000_000;

/** What the loop needs from the request it serves. */
export interface ServerToolContext {
  body: UpstreamChatBody;
  options: ResolvedChatOptions;
  transport: UpstreamTransport;
  /** Aborted when the client goes away: it stops upstream and the running tools. */
  abort: AbortController;
  head: RequestHead;
}

interface PendingCall {
  id?: string;
  name?: string;
  arguments: string;
}

interface Usage {
  [field: string]: unknown;
}

interface WireChunk {
  choices?: { delta?: { content?: unknown; reasoning_details?: unknown; tool_calls?: unknown }; finish_reason?: unknown }[];
  usage?: Usage;
}

/** One upstream step as the loop reads it. */
interface Step {
  content: string;
  details: unknown[];
  /** Server calls by fragment index. */
  serverCalls: Map<number, PendingCall>;
  /** Indexes of calls to tools the proxy does not own: those go to the client. */
  clientIndexes: Set<number>;
  lastIndex: number;
  /** The finish, usage and [DONE] events of a step that called server tools, held until we know it was the last. */
  held: string[];
  usage?: Usage;
}

const encoder = new TextEncoder();

/**
 * Wraps the first upstream body in the loop. Used only when the proxy has tools of its own;
 * without them the body is relayed byte for byte, as before.
 */
export function serverToolStream(first: ChunkReader, context: ServerToolContext): ChunkReader {
  let current = first;
  const frames = run();

  async function* run(): AsyncGenerator<string> {
    let messages = context.body.messages;
    const totals: Usage[] = [];
    for (let steps = 0; ; steps++) {
      const step: Step = { content: '', details: [], serverCalls: new Map(), clientIndexes: new Set(), lastIndex: 0, held: [] };
      yield* readStep(current, step, context, totals);
      const calls = [...step.serverCalls.values()].map(completeCall);
      if (!calls.length) return;
      if (steps >= context.options.maxToolSteps) {
        yield* stopAtLimit(step, totals);
        return;
      }
      yield report({ server_tool_calls: calls });
      const results = await Promise.all(calls.map((call) => runServerTool(call, context)));
      yield report({ server_tool_results: results.map((result, index) => ({ ...result, name: calls[index]!.function.name })) });
      if (step.clientIndexes.size) {
        // The client runs its own calls, and sends their results (and ours, which it was told) next time.
        for (const event of step.held) yield event;
        return;
      }
      if (step.usage) totals.push(step.usage);
      const turn: AssistantMessage = { role: 'assistant', content: step.content || null, tool_calls: calls };
      if (step.details.length) turn.reasoning_details = step.details;
      messages = [...messages, turn, ...results.map(({ tool_call_id, content }): ChatMessage => ({ role: 'tool', tool_call_id, content }))];
      current = await nextStep({ ...context.body, messages }, context);
    }
  }

  return {
    async read(): Promise<ChunkRead> {
      const { done, value } = await frames.next();
      return done ? { done: true, value: undefined } : { done: false, value: encoder.encode(value) };
    },
    async cancel() {
      await current.cancel().catch(() => {});
      void frames.return(undefined).catch(() => {});
    },
  };
}

/**
 * Streams one step to the client: every event as it came, but for the fragments of server
 * calls (taken out) and, in a step that made any, its finish, usage and `[DONE]` (held).
 */
async function* readStep(reader: ChunkReader, step: Step, context: ServerToolContext, totals: readonly Usage[]): AsyncGenerator<string> {
  const out: string[] = [];
  const parser = createSseParser({
    onEvent: (event) => out.push(...relayEvent(event.data, step, context, totals)),
    onComment: (comment) => out.push(`:${comment}\n\n`),
  });
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    parser.feed(done ? decoder.decode() : decoder.decode(value, { stream: true }));
    yield* out.splice(0);
    if (done) return;
  }
}

/** The events to pass on for one upstream event (none, it, or it changed). */
function relayEvent(data: string, step: Step, context: ServerToolContext, totals: readonly Usage[]): string[] {
  const frame = (text: string) => `data: ${text}\n\n`;
  if (data === '[DONE]') return holding(step) ? (step.held.push(frame(data)), []) : [frame(data)];
  let chunk: WireChunk;
  try {
    chunk = JSON.parse(data) as WireChunk;
  } catch {
    return [frame(data)];
  }
  const choice = Array.isArray(chunk.choices) ? chunk.choices[0] : undefined;
  const delta = choice?.delta;
  if (typeof delta?.content === 'string') step.content += delta.content;
  if (Array.isArray(delta?.reasoning_details)) step.details.push(...(delta.reasoning_details as unknown[]));
  let changed = false;
  if (delta && Array.isArray(delta.tool_calls)) {
    const kept = delta.tool_calls.filter((fragment) => !takeServerFragment(fragment, step, context.options.serverToolNames));
    changed = kept.length !== delta.tool_calls.length;
    if (kept.length) delta.tool_calls = kept;
    else delete delta.tool_calls;
  }
  if (chunk.usage && typeof chunk.usage === 'object') {
    step.usage = chunk.usage;
    // The last step's usage counts every step, so a client's cost figure is the answer's.
    if (totals.length) {
      chunk.usage = sumUsage([...totals, chunk.usage]);
      changed = true;
    }
  }
  const text = changed ? JSON.stringify(chunk) : data;
  if (holding(step) && (choice?.finish_reason != null || chunk.usage)) {
    step.held.push(frame(text));
    return [];
  }
  // A chunk that only carried server fragments has nothing left for the client.
  if (changed && delta && Object.keys(delta).every((key) => key === 'role' || (key === 'content' && !delta.content)) && choice?.finish_reason == null && !chunk.usage) {
    return [];
  }
  return [frame(text)];
}

/** Whether the step made server calls, so its end is not the answer's. */
function holding(step: Step): boolean {
  return step.serverCalls.size > 0;
}

/**
 * Takes a fragment that belongs to a server call (joined by `index`, whose first fragment
 * names the tool). A fragment of a call whose name is not known yet goes to the client.
 */
function takeServerFragment(value: unknown, step: Step, serverNames: ReadonlySet<string>): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const fragment = value as { index?: unknown; id?: unknown; function?: { name?: unknown; arguments?: unknown } };
  const index = typeof fragment.index === 'number' ? fragment.index : step.lastIndex;
  step.lastIndex = index;
  const name = fragment.function?.name;
  if (typeof name === 'string' && name && !step.serverCalls.has(index) && !step.clientIndexes.has(index)) {
    if (serverNames.has(name)) step.serverCalls.set(index, { name, arguments: '' });
    else step.clientIndexes.add(index);
  }
  const call = step.serverCalls.get(index);
  if (!call) return false;
  if (typeof fragment.id === 'string' && fragment.id && !call.id) call.id = fragment.id;
  if (typeof fragment.function?.arguments === 'string') call.arguments += fragment.function.arguments;
  return true;
}

function completeCall(call: PendingCall, position: number): ToolCall {
  return {
    id: call.id ?? `call_server_${position}_${Date.now().toString(36)}`,
    type: 'function',
    function: { name: call.name ?? '', arguments: call.arguments.trim() || '{}' },
  };
}

/** Runs one call: its result as the model reads it, or an error it can read (never a stack). */
async function runServerTool(call: ToolCall, context: ServerToolContext): Promise<{ tool_call_id: string; content: string; error: boolean }> {
  const tool = context.options.serverTools.get(call.function.name);
  const failed = (message: string) => ({ tool_call_id: call.id, content: JSON.stringify({ error: message }), error: true });
  let args: unknown;
  try {
    args = JSON.parse(call.function.arguments);
  } catch {
    return failed('The arguments were not valid JSON, so the tool did not run.');
  }
  if (!tool || typeof args !== 'object' || args === null || Array.isArray(args)) return failed('The arguments were not a JSON object, so the tool did not run.');
  try {
    const result: unknown = await tool.execute(args as Record<string, unknown>, { signal: context.abort.signal, request: context.head });
    let content = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    if (content === undefined) return failed('The tool returned a value that cannot be sent as JSON.');
    if (content.length > MAX_SERVER_RESULT_CHARS) {
      content = `${content.slice(0, MAX_SERVER_RESULT_CHARS)}\n[Truncated: the result had ${content.length} characters; only the first ${MAX_SERVER_RESULT_CHARS} were sent.]`;
    }
    return { tool_call_id: call.id, content, error: false };
  } catch (error) {
    // The client left: the loop ends with the abort, not with a result.
    if (context.abort.signal.aborted) throw error;
    context.options.logger.warn('openrouter-chat: server tool failed', { tool: call.function.name });
    // A message can quote what the tool held: the key is taken out, as from everything the proxy relays.
    return failed(`The tool failed${error instanceof Error && error.message ? `: ${redactText(error.message, context.options.apiKey)}` : '.'}`);
  }
}

/** The next step's upstream body, or the failure that ends the answer. */
async function nextStep(body: UpstreamChatBody, context: ServerToolContext): Promise<ChunkReader> {
  const { options } = context;
  const upstream = await requestUpstream(context.transport, upstreamInit(body, options), options, context.abort);
  if (upstream.status < 200 || upstream.status > 299 || upstream.body === null) {
    const failure = await describeUpstreamFailure(upstream, options.apiKey, options.upstreamTimeoutMs);
    throw failure;
  }
  return upstream.body;
}

/** Past `maxToolSteps`: the answer ends with a short note, the step's usage counted. */
function* stopAtLimit(step: Step, totals: readonly Usage[]): Generator<string> {
  const note = '\n\n(The proxy stopped running tools: this answer reached its limit of tool steps.)';
  yield `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: note }, finish_reason: null }] })}\n\n`;
  yield `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`;
  const usage = step.usage ? sumUsage([...totals, step.usage]) : totals.length ? sumUsage(totals) : undefined;
  if (usage) yield `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [], usage })}\n\n`;
  yield 'data: [DONE]\n\n';
}

function report(members: Record<string, unknown>): string {
  return `data: ${JSON.stringify({ object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), choices: [], openrouter_chat: members })}\n\n`;
}

/** Token counts and cost added up; any other field as the last step had it. */
function sumUsage(steps: readonly Usage[]): Usage {
  const sum: Usage = { ...steps.at(-1) };
  for (const field of ['prompt_tokens', 'completion_tokens', 'total_tokens', 'cost']) {
    const values = steps.map((usage) => usage[field]).filter((value): value is number => typeof value === 'number');
    if (values.length) sum[field] = values.reduce((total, value) => total + value, 0);
  }
  return sum;
}
