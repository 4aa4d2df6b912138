import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';

describe('toolchain', () => {
  it('mocks a streamed fetch with msw', async () => {
    const worker = setupWorker(
      http.post('/smoke', () => {
        const body = new ReadableStream({
          start(c) {
            c.enqueue(new TextEncoder().encode('a'));
            c.enqueue(new TextEncoder().encode('b'));
            c.close();
          },
        });
        return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } });
      }),
    );
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
    const text = await (await fetch('/smoke', { method: 'POST' })).text();
    expect(text).to.equal('ab');
    worker.stop();
  });
});
