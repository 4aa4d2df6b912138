import type { SseEvent } from '../../../src/sse/parser.js';

/**
 * Opens Chromium's own `EventSource` on `url` and resolves with the events it fired before
 * the stream ended, in the parser's shape: the type only when it is not the default
 * `message`, and the last event ID as `EventSource` reports it ('' until one is set).
 */
export function readWithEventSource(url: string, customTypes: readonly string[]): Promise<SseEvent[]> {
  return new Promise((resolve) => {
    const events: SseEvent[] = [];
    const source = new EventSource(url);
    const record = (message: MessageEvent<string>) => {
      const event: SseEvent = { data: message.data, id: message.lastEventId };
      if (message.type !== 'message') event.event = message.type;
      events.push(event);
    };
    for (const type of ['message', ...customTypes]) source.addEventListener(type, record);
    // The end of the body is an `error` (the browser would reconnect): every event has fired.
    source.addEventListener('error', () => {
      source.close();
      resolve(events);
    });
  });
}
