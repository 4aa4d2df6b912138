import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';

/**
 * The browser's side, on raw `node:http`: it can pick its source address, so each test is
 * a client of its own under the recipes' default per-address rate limit (any 127/8 address
 * is loopback on Linux), and it can drop its connection at any moment.
 */
export interface Exchange {
  /** `performance.now()` when the request was sent. */
  sentAt: number;
  /** The response, once its headers arrived; the body is UTF-8 text. */
  response: Promise<IncomingMessage>;
  /** Destroys the connection, as a closed tab does. */
  disconnect(): void;
}

/** How {@link send} sends. */
export interface SendOptions {
  /** Source address. Default: a new one per request. */
  from?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

let clientCount = 0;

/** A loopback address no other request of this test process has used. */
export function newClientAddress(): string {
  clientCount += 1;
  return `127.0.${Math.floor(clientCount / 250)}.${(clientCount % 250) + 2}`;
}

/** A chat request body for `model`, as the element sends it. */
export function chatBody(model: string, prompt = 'Hello'): string {
  return JSON.stringify({ model, messages: [{ role: 'user', content: prompt }], stream: true });
}

/** POSTs `body` to `url` on a fresh connection. */
export function send(
  url: string,
  body: string,
  { from = newClientAddress(), contentType = 'application/json', headers = {} }: SendOptions = {},
): Exchange {
  const sentAt = performance.now();
  let request!: ClientRequest;
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    request = httpRequest(
      url,
      { method: 'POST', headers: { 'content-type': contentType, ...headers }, localAddress: from, agent: false },
      (incoming) => {
        incoming.setEncoding('utf8');
        resolve(incoming);
      },
    );
    request.once('error', reject);
    request.end(body);
  });
  return { sentAt, response, disconnect: () => request.destroy() };
}

/** {@link send}, awaiting the response headers. */
export function post(url: string, body: string, options?: SendOptions): Promise<IncomingMessage> {
  return send(url, body, options).response;
}

/** The next chunk of the body, as text. */
export function nextChunk(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    response.once('error', reject);
    response.once('data', (chunk: string) => {
      response.off('error', reject);
      response.pause();
      resolve(chunk);
    });
    response.resume();
  });
}

/** The rest of the body, as text. */
export async function readRest(response: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of response) text += chunk as string;
  return text;
}
