import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { renderPage, startDemoServer, type DemoServer } from '../../../demo/demo-server.js';
import { SIMULATOR_COMMANDS } from '../../../src/server/simulator-script.js';
import { jsonChunks, parseEventStream } from '../helpers/sse.js';

describe('npm start (startDemoServer) without a key', { timeout: 30_000 }, () => {
  let demo: DemoServer;
  before(async () => {
    demo = await startDemoServer({
      port: 0,
      env: {},
      simulator: { chunkDelayMs: 0, firstTokenDelayMs: 0 },
    });
  });
  after(async () => {
    await demo.close();
  });

  it('serves the page with the widget, its module script and the simulated note', async () => {
    assert.equal(demo.upstream, 'simulated');
    const response = await fetch(demo.url);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
    const page = await response.text();
    assert.match(page, /<openrouter-chat[^>]*endpoint="\/api\/chat"/);
    assert.match(page, /<script type="module" src="\/src\/index.ts"><\/script>/);
    assert.match(page, /simulated/i);
    assert.match(page, /\/midstream-error/);
    assert.doesNotMatch(page, /<script>|<style>|\sstyle="/, 'no inline script or style for a strict CSP');
  });

  it('serves a simulated answer through the real proxy at /api/chat', async () => {
    const response = await fetch(`${demo.url}api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'Hello demo' }] }),
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/event-stream');
    const parsed = parseEventStream(await response.text());
    assert.equal(parsed.data.at(-1), '[DONE]');
    const text = jsonChunks(parsed).map((chunk) => chunk['choices']?.[0]?.delta?.content ?? '').join('');
    assert.match(text, /Hello demo/);
  });

  it('refuses a bad request with the proxy\'s JSON error', async () => {
    const response = await fetch(`${demo.url}api/chat`, { method: 'PUT' });
    assert.equal(response.status, 405);
    assert.equal((await response.json()).error.code, 405);
  });

  it('serves the demo stylesheet through Vite, as CSS to a <link>', async () => {
    // A browser's <link rel="stylesheet"> request; without these, Vite answers with a JS module.
    const response = await fetch(`${demo.url}demo/demo.css`, {
      headers: { accept: 'text/css,*/*;q=0.1', 'sec-fetch-dest': 'style' },
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/css/);
  });
});

describe('demo page rendering', () => {
  const template = '<!-- upstream:simulated -->S <ul><!-- simulator-commands --></ul><!-- /upstream:simulated --><!-- upstream:live -->L<!-- /upstream:live -->';

  it('keeps only the block for the current upstream', () => {
    assert.doesNotMatch(renderPage(template, 'live'), /S <ul>/);
    assert.match(renderPage(template, 'live'), /L/);
    assert.doesNotMatch(renderPage(template, 'simulated'), /-->L/);
  });

  it('lists every simulator command', () => {
    const page = renderPage(template, 'simulated');
    for (const { command } of SIMULATOR_COMMANDS) assert.ok(page.includes(`<code>${command}</code>`));
  });
});
