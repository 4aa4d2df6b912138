import { ClientGoneError, HttpError } from './errors.js';

/** Collects a request body's chunks up to a limit, then decodes them as UTF-8. */
export interface BodyCollector {
  /** @throws HttpError 413 once the body passes the limit. */
  add(chunk: Uint8Array): void;
  /** @throws HttpError 400 when the body is not UTF-8. */
  text(): string;
}

/**
 * The body reading shared by the Web handler and the Node adapter. The running count
 * catches chunked uploads and lying `content-length` headers (an honest oversized one is
 * refused before reading), so memory use never exceeds the limit whatever the client sends.
 */
export function createBodyCollector(maxBytes: number): BodyCollector {
  const chunks: Uint8Array[] = [];
  let received = 0;
  return {
    add(chunk) {
      received += chunk.byteLength;
      if (received > maxBytes) throw bodyTooLarge(maxBytes);
      chunks.push(chunk);
    },
    text() {
      const bytes = chunks.length === 1 ? chunks[0]! : joined(chunks, received);
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        throw new HttpError(400, 'The request body is not valid UTF-8.');
      }
    },
  };
}

/**
 * Reads a Web request body as UTF-8 text, refusing with 413 as soon as it passes `maxBytes`.
 * A body stream that fails means the client went away: that is a {@link ClientGoneError}.
 */
export async function readWebBody(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<string> {
  const collector = createBodyCollector(maxBytes);
  if (body === null) return collector.text();
  const reader = body.getReader();
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) collector.add(read.value);
  } catch (error) {
    await reader.cancel().catch(() => {});
    // Our own refusal (413) as it is; the body stream failing means the client went away.
    if (error instanceof HttpError) throw error;
    throw new ClientGoneError('The client went away while sending its request.');
  }
  return collector.text();
}

/** The 413 for a body over `maxBytes`, declared or counted. */
export function bodyTooLarge(maxBytes: number): HttpError {
  return new HttpError(413, `The request body is larger than ${maxBytes} bytes.`);
}

function joined(chunks: readonly Uint8Array[], totalBytes: number): Uint8Array {
  const bytes = new Uint8Array(totalBytes);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
