// Peers, each pinned to an exact version in package.json, so a figure names what it was against.
// eventsource-parser 4.1.3 is the latest major; its package declares Node >= 22.12, yet its
// code runs unchanged on Node 20 (checkAllAgree in the bench proves it reads every event).
// 3.1.1, as the alias eventsource-parser-3, shows whether the new major moved the bar.
import { createParser } from 'eventsource-parser';
import { createParser as createParser3 } from 'eventsource-parser-3';
import { _iterSSEMessages } from 'openai/core/streaming';
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

/** rexxars/eventsource-parser 4.1.3, the most used SSE parser on npm, at its latest major. */
export const eventsourceParser: Candidate = (onData) => {
  const parser = createParser({ onEvent: (event) => onData(event.data) });
  return (text) => parser.feed(text);
};

/** eventsource-parser 3.1.1, the previous major (the bar until issue 18). */
export const eventsourceParser3: Candidate = (onData) => {
  const parser = createParser3({ onEvent: (event) => onData(event.data) });
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

/**
 * The OpenAI SDK's (openai 6.49.0) own SSE reading, as `Stream.fromSSEResponse` drives it: its
 * exported `_iterSSEMessages` over a `Response` whose body yields the same byte chunks. The SDK
 * reads bytes, not text (it cuts events at blank lines in bytes, then decodes lines with its
 * `LineDecoder`), so it cannot be fed our decoded text: it gets the bytes, and does its own
 * decoding, as the other candidates do in {@link readJsonChunks}. Its async iteration is part of
 * its cost, as it is in every app that uses the SDK. Resolves with the JSON chunks handed over.
 */
export async function readJsonChunksWithOpenAi(chunks: readonly Uint8Array[], sink: (chunk: unknown) => void): Promise<number> {
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (index < chunks.length) controller.enqueue(chunks[index++]!);
      else controller.close();
    },
  });
  let count = 0;
  for await (const message of _iterSSEMessages(new Response(body), new AbortController())) {
    // What Stream.fromSSEResponse does with each message: skip `[DONE]`, JSON.parse the rest.
    if (message.data.startsWith('[DONE]')) continue;
    sink(JSON.parse(message.data));
    count++;
  }
  return count;
}
