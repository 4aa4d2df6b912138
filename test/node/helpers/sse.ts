/** A parsed event stream, just enough for tests: comments and data payloads in order. */
export interface ParsedStream {
  comments: string[];
  data: string[];
}

/**
 * Splits an event stream written with LF line endings (all our servers use LF) into its
 * comments and data payloads. The real, spec-complete parser lives in src/sse; this one
 * only has to read what our own servers write.
 */
export function parseEventStream(text: string): ParsedStream {
  const parsed: ParsedStream = { comments: [], data: [] };
  for (const block of text.split('\n\n')) {
    if (block === '') continue;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) parsed.comments.push(line.slice(1).trim());
      else if (line.startsWith('data: ')) parsed.data.push(line.slice('data: '.length));
    }
  }
  return parsed;
}

/** The JSON chunks of a stream (every data payload but `[DONE]`). */
export function jsonChunks(parsed: ParsedStream): Array<Record<string, any>> {
  return parsed.data.filter((payload) => payload !== '[DONE]').map((payload) => JSON.parse(payload));
}
