/**
 * Joins streamed `delta.tool_calls` fragments into whole tool calls. Knows the wire's
 * quirks, nothing about HTTP, SSE or the DOM.
 *
 * @module
 */
import type { ToolCall } from '../types.js';

/** One fragment as providers send it; every member may be missing. */
interface WireFragment {
  index?: unknown;
  id?: unknown;
  function?: { name?: unknown; arguments?: unknown };
}

interface PendingCall {
  id?: string;
  name?: string;
  arguments: string;
}

/**
 * Collects the tool calls of one answer. Fragments are keyed by `index`: the id and name
 * usually come once, on the first fragment, and the arguments in any number of pieces, cut
 * anywhere (inside a string, an escape or a character), which are joined as they come and
 * parsed only by whoever runs the call. Some providers leave `index` out (continue the last
 * call, or start a new one when a new id comes), send the name after the first fragment, or
 * send the whole call in one fragment; all of that lands in the same place.
 */
export class ToolCallCollector {
  private readonly pending: PendingCall[] = [];

  /** Takes the fragments of one chunk, in order. Anything that is not a fragment object is skipped. */
  add(fragments: readonly unknown[]): void {
    for (const fragment of fragments as readonly (WireFragment | null)[]) {
      if (typeof fragment !== 'object' || fragment === null) continue;
      const call = this.slotFor(fragment);
      const { name, arguments: args } = fragment.function ?? {};
      if (typeof fragment.id === 'string' && fragment.id && !call.id) call.id = fragment.id;
      // Once: a provider that repeats the name on every fragment must not make it "getget".
      if (typeof name === 'string' && name && !call.name) call.name = name;
      if (typeof args === 'string') call.arguments += args;
      // A provider that sends the arguments as an object (not OpenAI's string) sends them whole.
      else if (typeof args === 'object' && args !== null) call.arguments = JSON.stringify(args);
    }
  }

  /** Whether any call has begun. */
  get size(): number {
    return this.pending.length;
  }

  /**
   * The calls collected, in index order, ready to go back in the history: every call has an
   * id (a missing or repeated one is replaced, so each result answers one call), a name
   * (possibly empty, which no tool has) and arguments that are never `""` (sent as `{}`, as
   * providers refuse empty arguments in a history).
   */
  calls(): ToolCall[] {
    const seen = new Set<string>();
    return this.pending.filter(Boolean).map((call, position) => {
      let id = call.id;
      if (!id || seen.has(id)) id = `call_${position}_${Math.random().toString(36).slice(2, 10)}`;
      seen.add(id);
      return { id, type: 'function', function: { name: call.name ?? '', arguments: call.arguments.trim() || '{}' } };
    });
  }

  private slotFor(fragment: WireFragment): PendingCall {
    const { index, id } = fragment;
    let at: number;
    if (typeof index === 'number' && Number.isInteger(index) && index >= 0 && index < 1024) at = index;
    else if (typeof id === 'string' && id) {
      const known = this.pending.findIndex((call) => call?.id === id);
      at = known >= 0 ? known : this.pending.length;
    } else at = Math.max(this.pending.length - 1, 0);
    return (this.pending[at] ??= { arguments: '' });
  }
}
