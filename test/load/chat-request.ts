/**
 * One chat request on `node:http`, as the load test and the proxy benchmark send it: the
 * body hashed as it comes (so a thousand streams can be compared byte for byte with what
 * upstream sent, without keeping them), timed to its first and last byte.
 */
import { createHash } from 'node:crypto';
import { request as httpRequest, type Agent } from 'node:http';
import { performance } from 'node:perf_hooks';

/** Where a chat request goes: the proxy takes the element's body; the upstream wants auth and `stream`. */
export interface ChatTarget {
  url: string;
  headers?: Record<string, string>;
  stream?: boolean;
}

/** One response, as the client saw it. */
export interface ReceivedChat {
  status: number;
  generationId: string | undefined;
  sha256: string;
  bytes: number;
  /** From the request's start, ms. */
  firstByteMs: number;
  lastByteMs: number;
  /** The body, when asked for or not a 200 (keeping a thousand long bodies would measure the client). */
  text?: string;
}

/** POSTs a one-message chat for `prompt` and reads the answer to its end. */
export function sendChat(target: ChatTarget, prompt: string, agent: Agent, keepText = false): Promise<ReceivedChat> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const body = JSON.stringify({
      model: 'openai/gpt-4o-mini',
      messages: [{ role: 'user', content: prompt }],
      ...(target.stream === true ? { stream: true } : {}),
    });
    const request = httpRequest(
      target.url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', ...target.headers } },
      (response) => {
        const hash = createHash('sha256');
        const chunks: Buffer[] = [];
        let bytes = 0;
        let firstByteMs = 0;
        response.on('data', (chunk: Buffer) => {
          if (bytes === 0) firstByteMs = performance.now() - started;
          bytes += chunk.byteLength;
          hash.update(chunk);
          if (keepText || response.statusCode !== 200) chunks.push(chunk);
        });
        response.on('end', () => {
          const generationId = response.headers['x-generation-id'];
          resolve({
            status: response.statusCode ?? 0,
            generationId: typeof generationId === 'string' ? generationId : undefined,
            sha256: hash.digest('hex'),
            bytes,
            firstByteMs,
            lastByteMs: performance.now() - started,
            ...(chunks.length > 0 ? { text: Buffer.concat(chunks).toString('utf8') } : {}),
          });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
