import type { ChatLogger } from '../../../src/server/options.js';

/** A logger that keeps every line it gets, details included, so tests can search them for the key. */
export function recordingLogger(): ChatLogger & { lines: string[] } {
  const lines: string[] = [];
  const record = (message: string, details?: Record<string, unknown>): void => {
    lines.push(`${message} ${JSON.stringify(details ?? {})}`);
  };
  return { lines, info: record, warn: record, error: record };
}
