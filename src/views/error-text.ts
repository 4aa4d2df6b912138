/**
 * Picks the sentence the chat shows for a failure, from the element's `strings`, so every
 * error a reader can act on speaks their language. Failures a page author has to fix
 * (a bad endpoint or model id, a malformed stream) keep the stream's detailed English text.
 *
 * @module
 */
import type { ChatStreamError } from '../stream/chat-stream-error.js';
import type { CoreChatStrings } from '../strings.js';

/** The sentence to show for `error`. */
export function errorText(error: ChatStreamError, strings: CoreChatStrings): string {
  if (error.status === 401) return strings.errorBadKey;
  if (error.status === 402) return strings.errorNoCredits;
  if (error.status === 429) return strings.errorRateLimited(error.retryAfter);
  if ((error.status !== undefined && error.status >= 500) || error.kind === 'midstream') return strings.errorProvider;
  if (error.kind === 'network') return strings.errorNetwork;
  if (error.kind === 'idle-timeout') return strings.errorTimeout;
  if (error.kind === 'truncated') return strings.errorCutOff;
  return error.message;
}
