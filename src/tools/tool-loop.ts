/**
 * The tool loop of one answer: collects the calls as they stream, runs them when the step
 * ends (in parallel, as the model asked for them together, each after its approval when the
 * tool needs one), and hands the chat the turn and the results for the next request, up to
 * `max-tool-steps`. It also reads the sources an answer cites and our proxy's report of the
 * tools it ran itself.
 *
 * @module
 */
import { addReasoningDetails } from './reasoning-details.js';
import { ToolCallCollector } from './tool-call-collector.js';
import { runToolCall } from './tool-runner.js';
import type { ToolLoop, ToolLoopHost } from '../chat/tool-loop-host.js';
import type { RoomKit } from '../rooms/room-kit.js';
import type { AssistantMessage, ChatMessage, Citation, ToolCall, ToolMessage } from '../types.js';

/**
 * The most calls one step may ask for at once. Past it the model is misbehaving (or
 * hostile): running 200 calls would flood the page and the next request, so none run.
 */
export const MAX_TOOL_CALLS_PER_STEP = 32;

/** What a stopped call's result says, so the history stays valid (every call needs a result). */
const STOPPED = JSON.stringify({ error: 'The user stopped the answer before this tool finished.' });

interface WireChoice {
  delta?: { tool_calls?: unknown; annotations?: unknown };
  annotations?: unknown;
  message?: { annotations?: unknown };
}

/** Our proxy's report of its own tools (`openrouter_chat` on a chunk without choices). */
interface ServerReport {
  server_tool_calls?: unknown;
  server_tool_results?: unknown;
}

/** Makes the loop of one answer. */
export function createToolLoop(host: ToolLoopHost, kit: RoomKit): ToolLoop {
  const { settings, signal } = host;
  let collector = new ToolCallCollector();
  /** Calls that have no result yet: Stop answers them. */
  const unanswered = new Map<string, ToolCall>();
  const approvals = new Map<string, (approved: boolean) => void>();
  let steps = 0;
  let stopped = false;

  /** The streaming step becomes the turn that carries `calls`, with its text and its reasoning record. */
  function closeStep(calls: readonly ToolCall[]): AssistantMessage {
    const turn: AssistantMessage = { role: 'assistant', content: host.step.answer || null, tool_calls: [...calls] };
    if (host.step.details.length) {
      const record: unknown[] = [];
      addReasoningDetails(record, host.step.details);
      turn.reasoning_details = record;
    }
    for (const call of calls) unanswered.set(call.id, call);
    host.closeStep(turn);
    return turn;
  }

  function answer(call: ToolCall, content: string): ToolMessage {
    const message: ToolMessage = { role: 'tool', tool_call_id: call.id, content };
    unanswered.delete(call.id);
    host.addResult(message);
    return message;
  }

  function readReport(report: ServerReport): void {
    const calls = Array.isArray(report.server_tool_calls) ? report.server_tool_calls.filter(isToolCall) : [];
    if (calls.length) {
      closeStep(calls.map((call) => ({ id: call.id, type: 'function', function: { name: call.function.name, arguments: call.function.arguments } })));
      for (const call of calls) host.setState(call, { status: 'running', server: true });
    }
    const results = Array.isArray(report.server_tool_results) ? report.server_tool_results : [];
    for (const result of results as { tool_call_id?: unknown; content?: unknown; error?: unknown }[]) {
      const call = typeof result?.tool_call_id === 'string' ? unanswered.get(result.tool_call_id) : undefined;
      if (!call || typeof result.content !== 'string') continue;
      answer(call, result.content);
      host.setState(call, { status: result.error ? 'error' : 'done', server: true });
    }
  }

  /** Waits for Approve or Deny; Stop rejects with its reason. */
  function approval(call: ToolCall): Promise<boolean> {
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        approvals.delete(call.id);
        reject(signal.reason);
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      approvals.set(call.id, (approved) => {
        approvals.delete(call.id);
        signal.removeEventListener('abort', onAbort);
        resolve(approved);
      });
    });
  }

  async function run(call: ToolCall): Promise<ToolMessage> {
    const tools = settings.tools ?? [];
    const needsApproval = tools.find((tool) => tool.name === call.function.name)?.needsApproval;
    host.setState(call, { status: needsApproval ? 'awaiting-approval' : 'running' });
    const outcome = await runToolCall(
      call,
      {
        tools,
        signal,
        timeoutMs: settings.toolTimeoutMs,
        target: host.target,
        approve: () => approval(call),
        onRunning: () => {
          if (needsApproval) host.setState(call, { status: 'running' });
        },
      },
      kit,
    );
    // After a stop the call was answered already, with the stop.
    if (stopped) return { role: 'tool', tool_call_id: call.id, content: STOPPED };
    const message = answer(call, outcome.content);
    host.setState(call, { status: outcome.outcome, problem: outcome.problem });
    return message;
  }

  return {
    apply(chunk) {
      const choice = (Array.isArray((chunk as { choices?: unknown }).choices) ? (chunk as { choices: unknown[] }).choices[0] : undefined) as WireChoice | undefined;
      const fragments = choice?.delta?.tool_calls;
      if (Array.isArray(fragments)) collector.add(fragments);
      const citations = readCitations(choice);
      if (citations.length) host.step.citations = withoutRepeats([...host.step.citations, ...citations]);
      const report = (chunk as { openrouter_chat?: unknown }).openrouter_chat;
      if (typeof report === 'object' && report !== null) readReport(report as ServerReport);
    },

    get streamingCalls() {
      return collector.size ? collector.calls() : [];
    },

    async endStep(): Promise<ChatMessage[] | undefined> {
      // Whatever the finish reason says (Gemini says "stop"), collected calls make a tool turn.
      const calls = collector.calls();
      collector = new ToolCallCollector();
      if (!calls.length) return undefined;
      if (calls.length > MAX_TOOL_CALLS_PER_STEP || steps >= settings.maxToolSteps) {
        // The answer keeps its text only: calls without results would make every later request invalid.
        host.step.toolLimit = calls.length > MAX_TOOL_CALLS_PER_STEP ? 'calls' : 'steps';
        return undefined;
      }
      steps++;
      const turn = closeStep(calls);
      const results = await Promise.all(calls.map(run));
      return [turn, ...results];
    },

    decide(id, approved) {
      approvals.get(id)?.(approved);
    },

    stop() {
      stopped = true;
      for (const call of unanswered.values()) {
        answer(call, STOPPED);
        host.setState(call, { status: 'error' });
      }
    },
  };
}

/**
 * Sources come in `delta.annotations`, on the choice, or on a final `message` (providers
 * differ): all three are read. Only `url_citation`s with a string URL are kept; whether one
 * may become a link is the view's decision.
 */
function readCitations(choice: WireChoice | undefined): Citation[] {
  const citations: Citation[] = [];
  for (const list of [choice?.delta?.annotations, choice?.annotations, choice?.message?.annotations]) {
    if (!Array.isArray(list)) continue;
    for (const annotation of list as { type?: unknown; url_citation?: { url?: unknown; title?: unknown } }[]) {
      const cited = annotation?.type === 'url_citation' ? annotation.url_citation : undefined;
      if (typeof cited?.url !== 'string') continue;
      citations.push(typeof cited.title === 'string' ? { url: cited.url, title: cited.title } : { url: cited.url });
    }
  }
  return citations;
}

/** The first citation of each URL, in order. */
function withoutRepeats(citations: readonly Citation[]): Citation[] {
  const seen = new Set<string>();
  return citations.filter(({ url }) => !seen.has(url) && Boolean(seen.add(url)));
}

function isToolCall(value: { id?: unknown; function?: { name?: unknown; arguments?: unknown } }): value is ToolCall {
  return typeof value?.id === 'string' && typeof value.function?.name === 'string' && typeof value.function.arguments === 'string';
}
