import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';

/** What came back for one request, whichever way it was sent. */
export interface HttpResult {
  status: number;
  headers: Headers;
  body: string;
  /** From sending the request to the end of the answer. */
  ms: number;
}

/** `fetch`, read to the end and timed. */
export async function timedFetch(url: string, init: RequestInit): Promise<HttpResult> {
  const startedAt = performance.now();
  const response = await fetch(url, init);
  const body = await response.text();
  return { status: response.status, headers: response.headers, body, ms: performance.now() - startedAt };
}

/**
 * Writes `head` (request line and header lines, CRLF-separated, no final blank line) and
 * `body` to a raw socket: how to send what `fetch` and `node:http` refuse to, such as a
 * NUL or a bare CR in a header. Latin-1 in, Latin-1 out, so every byte is what it says.
 */
export function rawRequest(url: string, head: string, body = ''): Promise<HttpResult> {
  const { hostname, port } = new URL(url);
  const startedAt = performance.now();
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(received).toString('latin1');
      const headEnd = text.indexOf('\r\n\r\n');
      const lines = text.slice(0, headEnd).split('\r\n');
      const headers = new Headers();
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        headers.append(line.slice(0, colon), line.slice(colon + 1).trim());
      }
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(lines[0] ?? '')?.[1] ?? 0),
        headers,
        body: text.slice(headEnd + 4),
        ms: performance.now() - startedAt,
      });
    });
    const lengthHeader = body === '' ? '' : `content-length: ${Buffer.byteLength(body, 'latin1')}\r\n`;
    socket.write(Buffer.from(`${head}\r\n${lengthHeader}connection: close\r\n\r\n${body}`, 'latin1'));
  });
}

/** Asserts OpenRouter's error shape, `{ error: { code, message } }`, with this status; returns the message. */
export function assertJsonError(result: HttpResult, status: number): string {
  assert.equal(result.status, status, `status of ${result.body.slice(0, 200)}`);
  assert.equal(result.headers.get('content-type'), 'application/json');
  const parsed = JSON.parse(result.body) as { error?: { code?: unknown; message?: unknown } };
  assert.deepEqual(Object.keys(parsed), ['error']);
  assert.deepEqual(Object.keys(parsed.error ?? {}).sort(), ['code', 'message']);
  assert.equal(parsed.error?.code, status);
  assert.equal(typeof parsed.error?.message, 'string');
  return parsed.error?.message as string;
}

/** How {@link postInPieces} sends its body. */
export interface PiecesPlan {
  /** Stop after this many bytes even if the server never answers. */
  totalBytes: number;
  pieceBytes: number;
  /** Pause after each piece. */
  pauseMs: number;
  /** Declare `totalBytes` as content-length; otherwise the body is chunked. */
  declareLength: boolean;
}

/** The answer to {@link postInPieces}, and how much had been sent when it began. */
export interface PiecesResult extends HttpResult {
  bytesSentBeforeAnswer: number;
}

/**
 * POSTs a body of `totalBytes` in small pieces, stopping as soon as the server answers
 * (an early 413 is the point) or when everything is sent. The pieces are one reused buffer,
 * so the sender's own memory stays flat whatever `totalBytes` is.
 */
export function postInPieces(url: string, plan: PiecesPlan): Promise<PiecesResult> {
  const piece = Buffer.alloc(plan.pieceBytes, 'x');
  const startedAt = performance.now();
  let bytesSent = 0;
  let answered = false;
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (plan.declareLength) headers['content-length'] = String(plan.totalBytes);
    const request = httpRequest(url, { method: 'POST', headers }, (response) => {
      answered = true;
      const bytesSentBeforeAnswer = bytesSent;
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (text: string) => (body += text));
      response.on('end', () => {
        request.destroy();
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(response.headers)) responseHeaders.set(name, String(value));
        resolve({ status: response.statusCode ?? 0, headers: responseHeaders, body, ms: performance.now() - startedAt, bytesSentBeforeAnswer });
      });
    });
    // The server may close the connection once it has answered, before we stop writing.
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (!answered && error.code !== 'ECONNRESET' && error.code !== 'EPIPE') reject(error);
    });
    const sendNext = (): void => {
      if (answered || request.destroyed) return;
      if (bytesSent >= plan.totalBytes) return void request.end();
      const size = Math.min(plan.pieceBytes, plan.totalBytes - bytesSent);
      bytesSent += size;
      const drained = request.write(size === piece.length ? piece : piece.subarray(0, size));
      const next = (): void => void setTimeout(sendNext, plan.pauseMs);
      if (drained) next();
      else request.once('drain', next);
    };
    sendNext();
  });
}

/** What {@link uploadPastTheAnswer} saw. */
export interface UploadPastTheAnswer {
  /** The status of the answer, from its status line; 0 when none came. */
  status: number;
  /** From the answer's first byte to the server closing the connection; Infinity when it never did. */
  closedAfterAnswerMs: number;
  bytesSent: number;
}

/**
 * A client that goes on uploading after the server has answered, as a browser or a script
 * mid-upload does: writes `pieceBytes` every `pauseMs` (at most `forMs` in all) on a raw
 * socket, with `content-length: 100 MiB` declared or chunked framing, and notes when the
 * server closes the connection.
 */
export function uploadPastTheAnswer(
  url: string,
  plan: { declareLength: boolean; pieceBytes: number; pauseMs: number; forMs: number },
): Promise<UploadPastTheAnswer> {
  const { hostname, port, pathname, host } = new URL(url);
  const piece = Buffer.alloc(plan.pieceBytes, 'x');
  const framing = plan.declareLength ? `content-length: ${100 * 1024 * 1024}` : 'transfer-encoding: chunked';
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const startedAt = performance.now();
    let answeredAt: number | undefined;
    let head = '';
    let bytesSent = 0;
    const finish = (closed: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, closedAfterAnswerMs: closed && answeredAt !== undefined ? performance.now() - answeredAt : Infinity, bytesSent });
    };
    const timer = setTimeout(() => finish(false), plan.forMs + 1000);
    socket.on('data', (chunk: Buffer) => {
      answeredAt ??= performance.now();
      if (head.length < 64) head += chunk.toString('latin1');
    });
    socket.on('close', () => finish(true));
    // Writing into a connection the server closed: expected, the close tells.
    socket.on('error', () => {});
    const sendNext = (): void => {
      if (socket.destroyed || performance.now() - startedAt > plan.forMs) return;
      bytesSent += piece.length;
      const framed = plan.declareLength ? [piece] : [Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')];
      const drained = socket.write(Buffer.concat(framed));
      const next = (): void => void setTimeout(sendNext, plan.pauseMs);
      if (drained) next();
      else socket.once('drain', next);
    };
    socket.once('connect', () => {
      socket.write(`POST ${pathname} HTTP/1.1\r\nHost: ${host}\r\ncontent-type: application/json\r\n${framing}\r\n\r\n`);
      sendNext();
    });
  });
}
