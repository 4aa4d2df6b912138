import type { ServerResponse } from 'node:http';
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
