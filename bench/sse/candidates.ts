// eventsource-parser 3.x (3.1.1 when written): the last major that runs on Node 20; 4.x needs Node 22.
import { createParser } from 'eventsource-parser';
import { createSseParser } from '../../src/sse/parser.js';

/**
 * A way to read event-stream text: given what to do with each event's data, it returns the
 * function that is fed the decoded text, chunk by chunk.
 */
export type Candidate = (onData: (data: string) => void) => (text: string) => void;

/** Our parser, `src/sse/parser.ts`. */
export const ours: Candidate = (onData) => {
  const parser = createSseParser({ onEvent: (event) => onData(event.data) });
  return (text) => parser.feed(text);
};

/** rexxars/eventsource-parser, the most used SSE parser on npm. */
export const eventsourceParser: Candidate = (onData) => {
  const parser = createParser({ onEvent: (event) => onData(event.data) });
  return (text) => parser.feed(text);
};

/**
 * The floor: no SSE rules at all, only LF line ends and `data: ` lines, each line taken as
 * one event. It reads this generated stream correctly and shows what the rules cost.
 */
export const floor: Candidate = (onData) => {
  let partialLine = '';
  return (text) => {
    const lines = (partialLine + text).split('\n');
    partialLine = lines.pop()!;
    for (const line of lines) {
      if (line.startsWith('data: ')) onData(line.slice(6));
    }
  };
};

/**
 * Reads bytes the way `chat-stream.ts` does: one streaming TextDecoder, the candidate, and
 * JSON.parse on the data of every event but `[DONE]`, handed to `sink`.
 */
export function readJsonChunks(
  candidate: Candidate,
  chunks: readonly Uint8Array[],
  sink: (chunk: unknown) => void,
): void {
  const feed = candidate((data) => {
    if (data !== '[DONE]') sink(JSON.parse(data));
  });
  const decoder = new TextDecoder('utf-8');
  for (const chunk of chunks) feed(decoder.decode(chunk, { stream: true }));
  const rest = decoder.decode();
  if (rest !== '') feed(rest);
}
