/**
 * In a benchmark page: answering the element's next request with an event stream the page
 * writes into, one OpenRouter chunk per delta, and a way to yield to a new task.
 */

/** The endpoint the benchmark pages give the element; nothing serves it but {@link answerNextRequest}. */
export const ENDPOINT = '/bench-api/chat';
export const encoder = new TextEncoder();

const channel = new MessageChannel();
/**
 * Resolves in a new task: each delta is its own task, as when it arrives from the network,
 * so a long-task report means one delta was slow. (A timer would be clamped to 4 ms.)
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

export function sseFrame(delta: object, finishReason: string | null): string {
  const chunk = { id: 'gen-bench', object: 'chat.completion.chunk', model: 'bench/model', choices: [{ index: 0, delta, finish_reason: finishReason }] };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/** Answers the element's next request with an event stream the caller writes into. */
export function answerNextRequest(): Promise<ReadableStreamDefaultController<Uint8Array>> {
  const realFetch = window.fetch;
  return new Promise((resolve) => {
    window.fetch = async (input, init) => {
      if (!String(input instanceof Request ? input.url : input).endsWith(ENDPOINT)) return realFetch(input, init);
      window.fetch = realFetch;
      const body = new ReadableStream<Uint8Array>({ start: resolve });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    };
  });
}

