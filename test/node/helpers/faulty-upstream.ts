import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { DEFAULT_MAX_EVENT_SIZE } from '../../../src/sse/parser.js';
import type { RecordedRequest, UpstreamResponder } from './servers.js';

/** A chunk as OpenRouter streams it. */
export function contentFrame(content: string, finishReason: string | null = null): string {
  const chunk = { id: 'gen-fault', object: 'chat.completion.chunk', created: 1, model: 'openai/gpt-4o-mini', choices: [{ index: 0, delta: { role: 'assistant', content }, finish_reason: finishReason }] };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/** OpenRouter's mid-stream error event: the status is already 200, so the error is data. */
export function midStreamErrorFrame(message: string): string {
  const chunk = { id: 'gen-fault', object: 'chat.completion.chunk', created: 1, error: { code: 'server_error', message, metadata: { error_type: 'provider_error' } }, choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }] };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/** A complete, normal answer. */
export const NORMAL_FRAMES = [contentFrame('Hello'), contentFrame(' world'), contentFrame('', 'stop'), 'data: [DONE]\n\n'];

/** The key the proxy sent upstream, so a fault can echo it back as a careless upstream would. */
export function keyFrom(recorded: RecordedRequest): string {
  return (recorded.headers['authorization'] ?? '').replace(/^Bearer /, '');
}

/** Writes event-stream headers and then each frame as its own write (its own TCP chunk, mostly). */
export function startStream(response: ServerResponse, headers: Record<string, string> = {}): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', ...headers });
  response.flushHeaders();
}

/**
 * Answers as the fault named by the last user message asks, or normally: one upstream that
 * misbehaves per request, so one proxy can be shown to survive each fault in turn.
 */
export function faultyUpstream(faults: Readonly<Record<string, UpstreamResponder>>): UpstreamResponder {
  return (response, recorded, request) => {
    const messages = (JSON.parse(recorded.body) as { messages: Array<{ content: string }> }).messages;
    const fault = faults[messages.at(-1)?.content ?? ''];
    if (fault !== undefined) return fault(response, recorded, request);
    startStream(response);
    response.end(NORMAL_FRAMES.join(''));
  };
}

/** OpenRouter's documented and listed error statuses, each answered with its JSON error body. */
export const ERROR_STATUSES = [400, 401, 402, 403, 408, 429, 500, 502, 503, 524, 529];
/** The `Retry-After` the 429 fault sends. */
export const RETRY_AFTER_SECONDS = 7;
/** What every mid-stream fault sends before it misbehaves: the partial answer a client must keep. */
export const FIRST = contentFrame('Partial');
export const NOT_JSON = 'data: {"choices": [ this is not JSON\n\n';
/** One event past the browser parser's limit: the proxy must pass it on untouched. */
export const HUGE_EVENT = `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'x'.repeat(DEFAULT_MAX_EVENT_SIZE + 1024) } }] })}\n\n`;

/** Every way the fault matrix's upstream misbehaves, by the user message that asks for it. */
export interface UpstreamFaults {
  faults: Record<string, UpstreamResponder>;
  /** Emits `keep-alive closed` when the keep-alive-only stream's client went away. */
  events: EventEmitter;
}

/**
 * The faults of issue 7, shared by the proxy's matrix and the end-to-end one in Chromium.
 * `keepAliveEveryMs` paces the keep-alive-only stream; keep it well under every idle timeout.
 */
export function upstreamFaults(keepAliveEveryMs: number): UpstreamFaults {
  const events = new EventEmitter();
  const faults: Record<string, UpstreamResponder> = {
    ...Object.fromEntries(
      ERROR_STATUSES.map((status): [string, UpstreamResponder] => [
        `status ${status}`,
        (response) => {
          response.writeHead(status, { 'content-type': 'application/json', ...(status === 429 ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {}) });
          response.end(JSON.stringify({ error: { code: status, message: `Upstream says ${status}`, metadata: { provider_name: 'Test' } } }));
        },
      ]),
    ),
    'html 502': (response) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<html><body><h1>502 Bad Gateway</h1><p>cloudflare</p></body></html>');
    },
    'mid-stream error': (response) => {
      startStream(response);
      response.write(FIRST);
      response.end(midStreamErrorFrame('Provider disconnected'));
    },
    'no finish, no done': (response) => {
      startStream(response);
      response.write(FIRST);
      response.end(contentFrame(' and then nothing'));
    },
    'connection reset': (response) => {
      startStream(response);
      response.write(FIRST, () => setTimeout(() => response.socket?.destroy(), 20));
    },
    'non-JSON data': (response) => {
      startStream(response);
      response.write(FIRST);
      response.write(NOT_JSON);
      response.end('data: [DONE]\n\n');
    },
    'keep-alive only': (response) => {
      startStream(response);
      const timer = setInterval(() => response.write(': OPENROUTER PROCESSING\n\n'), keepAliveEveryMs);
      response.on('close', () => {
        clearInterval(timer);
        events.emit('keep-alive closed');
      });
    },
    'no headers': () => {},
    'first chunk, then silence': (response) => {
      startStream(response);
      response.write(FIRST);
    },
    'event over the parser limit': (response) => {
      startStream(response);
      response.write(FIRST);
      response.write(HUGE_EVENT);
      response.end('data: [DONE]\n\n');
    },
  };
  return { faults, events };
}
