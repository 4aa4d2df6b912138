// eventsource-parser 3.x (3.1.1 when written): the last major that runs on Node 20; 4.x needs Node 22.
import { createParser } from 'eventsource-parser';
import { createSseParser } from '../../src/sse/parser.js';

/** Receives every parsed JSON chunk of the stream. */
export type JsonSink = (chunk: unknown) => void;

/**
 * Reads a byte stream the way `chat-stream.ts` does: one streaming TextDecoder, an event
 * parser, and JSON.parse on every data event except `[DONE]`.
 */
export type Candidate = (chunks: readonly Uint8Array[], sink: JsonSink) => void;

const DONE = '[DONE]';

/** Our parser, `src/sse/parser.ts`. */
export const ours: Candidate = (chunks, sink) => {
  const parser = createSseParser({
    onEvent: ({ data }) => {
      if (data !== DONE) sink(JSON.parse(data));
    },
  });
  decodeInto(chunks, (text) => parser.feed(text));
};

/** rexxars/eventsource-parser, the most used SSE parser on npm. */
export const eventsourceParser: Candidate = (chunks, sink) => {
  const parser = createParser({
    onEvent: ({ data }) => {
      if (data !== DONE) sink(JSON.parse(data));
    },
  });
  decodeInto(chunks, (text) => parser.feed(text));
};

/**
 * The floor: no SSE rules at all, only LF line ends and `data: ` lines. No real parser can
 * beat it on this input; it shows what the rules cost.
 */
export const floor: Candidate = (chunks, sink) => {
  let partialLine = '';
  decodeInto(chunks, (text) => {
    const lines = (partialLine + text).split('\n');
    partialLine = lines.pop()!;
    for (const line of lines) {
      if (!line.startsWith('data: ')) continue;
      const data = line.slice(6);
      if (data !== DONE) sink(JSON.parse(data));
    }
  });
};

function decodeInto(chunks: readonly Uint8Array[], feed: (text: string) => void): void {
  const decoder = new TextDecoder('utf-8');
  for (const chunk of chunks) feed(decoder.decode(chunk, { stream: true }));
  const rest = decoder.decode();
  if (rest !== '') feed(rest);
}
