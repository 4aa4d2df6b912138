/**
 * The tools' and sources' visible and spoken texts, in English. Part of the element's
 * `strings` (`ChatStrings`), whose page overrides win; their defaults live here so that a
 * chat without tools never loads them.
 *
 * @module
 */
import type { ToolCallStatus, ToolLimit } from '../chat/chat-controller.js';

/** The tools' texts. */
export interface ToolStrings {
  /** A call's status, on its block and in its announcement. */
  toolStatus: (status: ToolCallStatus) => string;
  /** Announced once per change of a call's state, e.g. "lookup_order: needs approval". */
  toolAnnouncement: (name: string, status: ToolCallStatus) => string;
  /** Marks a call the proxy ran itself. */
  toolOnServer: string;
  /** Heads a call's arguments. */
  toolArguments: string;
  /** Heads a call's result. */
  toolResult: string;
  /** Lets a call that needs approval run. */
  toolApprove: string;
  /** Refuses it: the model is told the user denied it. */
  toolDeny: string;
  /** The model called a tool the page does not have. */
  toolUnknown: (name: string) => string;
  /** The model's arguments were not a JSON object. */
  toolBadArguments: string;
  /** The tool loop stopped: more rounds than `max-tool-steps`, or more calls at once than the chat runs. */
  toolLimit: (limit: ToolLimit) => string;
  /** Heads the numbered sources under an answer (web search). */
  sources: string;
}

const STATUS: Record<ToolCallStatus, string> = {
  running: 'running',
  'awaiting-approval': 'needs approval',
  done: 'done',
  error: 'failed',
  denied: 'denied',
};

/** The English defaults of the tools' texts. */
export const defaultToolStrings: Readonly<ToolStrings> = Object.freeze({
  toolStatus: (status: ToolCallStatus) => STATUS[status],
  toolAnnouncement: (name: string, status: ToolCallStatus) => `Tool ${name}: ${STATUS[status]}.`,
  toolOnServer: 'on the server',
  toolArguments: 'Arguments',
  toolResult: 'Result',
  toolApprove: 'Approve',
  toolDeny: 'Deny',
  toolUnknown: (name: string) => `The model asked for a tool this chat does not have (${name}); it was told so.`,
  toolBadArguments: 'The model wrote arguments that are not valid JSON; it was told so.',
  toolLimit: (limit: ToolLimit) =>
    limit === 'steps'
      ? 'Stopped: the answer used as many rounds of tools as this chat allows.'
      : 'Stopped: the model asked for more tool calls at once than this chat runs.',
  sources: 'Sources',
});

/** The page's strings (their `undefined` members already dropped) with the tools' defaults under them. */
export function withToolStrings<Strings extends Partial<ToolStrings>>(strings: Strings): Strings & ToolStrings {
  return { ...defaultToolStrings, ...strings };
}
