/**
 * What the chat and the tools room agree on. The chat streams each step of an answer; the
 * room's tool loop reads the tool data of the stream, runs the calls when a step ends, and
 * tells the chat what to add to the conversation. Types only: the loop's code loads with
 * the room, with the first tool call or source.
 *
 * @module
 */
import type { ChatSettings, ToolCallStatus, ToolCallProblem, ToolLimit } from './chat-controller.js';
import type { AssistantMessage, ChatMessage, Citation, ToolCall, ToolMessage } from '../types.js';

/** The step streaming now, as the loop reads (and, for sources and the limit, writes) it. */
export interface ToolStep {
  readonly answer: string;
  /** The step's reasoning record, as it streamed (the loop joins its pieces). */
  readonly details: readonly unknown[];
  citations: readonly Citation[];
  toolLimit?: ToolLimit;
}

/** Where a call stands, as its block shows it. */
export interface ToolCallState {
  readonly status: ToolCallStatus;
  readonly problem?: ToolCallProblem;
  /** Run by the proxy, not the page. */
  readonly server?: boolean;
}

/** What the chat gives the loop of one answer. */
export interface ToolLoopHost {
  readonly step: ToolStep;
  /** Aborted by Stop (and when the conversation is replaced). */
  readonly signal: AbortSignal;
  readonly settings: ChatSettings;
  /** Where the tool events are fired. */
  readonly target: EventTarget;
  /** Ends the streaming step as `turn`, which carries its calls, and starts the next step. */
  closeStep(turn: AssistantMessage): void;
  /** Adds a call's result to the conversation. */
  addResult(message: ToolMessage): void;
  setState(call: ToolCall, state: ToolCallState): void;
}

/** The tool loop of one answer. */
export interface ToolLoop {
  /** Reads one chunk's tool data: call fragments, sources, the proxy's report of its own tools. */
  apply(chunk: object): void;
  /** The calls of the streaming step so far, to show them as they arrive. */
  readonly streamingCalls: readonly ToolCall[];
  /**
   * The step's stream ended: runs its calls and resolves with the turn and the results to
   * send next, or with nothing when the answer is done (no calls, or a limit reached).
   */
  endStep(): Promise<ChatMessage[] | undefined>;
  /** Approve or Deny a call waiting for the user. */
  decide(id: string, approved: boolean): void;
  /** Stop: every call still without a result gets one that says so. */
  stop(): void;
}
