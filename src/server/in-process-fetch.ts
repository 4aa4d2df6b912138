/**
 * A `fetch` that hands the request to a Web handler in the same process instead of the
 * network: how `npm start` puts the simulated OpenRouter behind the real proxy without a
 * second port, and a handy way to test a handler chain. It honours the request's abort
 * signal like a real `fetch`, rejecting at once, so the proxy's timeouts and client-gone
 * aborts behave as they do against a remote upstream.
 */
export function fetchFromHandler(handler: (request: Request) => Promise<Response>): typeof fetch {
  return (input, init) => {
    const request = new Request(input, init);
    return new Promise<Response>((resolve, reject) => {
      const onAbort = (): void => reject(request.signal.reason);
      if (request.signal.aborted) return onAbort();
      request.signal.addEventListener('abort', onAbort, { once: true });
      handler(request)
        .then(resolve, reject)
        .finally(() => request.signal.removeEventListener('abort', onAbort));
    });
  };
}
