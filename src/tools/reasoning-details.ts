/**
 * Joins streamed `reasoning_details` into the record a provider wants back with the tool
 * calls of the same turn (Gemini and Anthropic refuse the next turn without it, or with it
 * altered). Streamed, a text or summary entry comes in pieces that share a type and an
 * `index`; whole entries (encrypted ones) come once.
 *
 * @module
 */

interface ReasoningDetail {
  type?: unknown;
  index?: unknown;
  text?: unknown;
  summary?: unknown;
  signature?: unknown;
  [member: string]: unknown;
}

/** Appends one chunk's details to `record`, joining the pieces of a streamed entry. */
export function addReasoningDetails(record: unknown[], details: readonly unknown[]): void {
  for (const detail of details as readonly ReasoningDetail[]) {
    if (typeof detail !== 'object' || detail === null) continue;
    const last = record.at(-1) as ReasoningDetail | undefined;
    const field = detail.type === 'reasoning.text' ? 'text' : detail.type === 'reasoning.summary' ? 'summary' : undefined;
    if (field && last && last.type === detail.type && (detail.index === undefined || detail.index === last.index)) {
      last[field] = String(last[field] ?? '') + String(detail[field] ?? '');
      // The signature comes with the last piece; the rest of the entry stays as the first piece had it.
      if (detail.signature !== undefined && last.signature == null) last.signature = detail.signature;
    } else {
      record.push({ ...detail });
    }
  }
}
