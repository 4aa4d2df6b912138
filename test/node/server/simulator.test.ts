import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listen, toNodeListener, type RunningServer } from '../../../src/server/node.js';
import { createSimulatedOpenRouter } from '../../../src/server/simulator.js';
import { SIMULATOR_COMMANDS } from '../../../src/server/simulator-script.js';
import { postChat, startProxy } from '../helpers/servers.js';
import { jsonChunks, parseEventStream, type ParsedStream } from '../helpers/sse.js';
import { dataUrl, jpegBytes, pngBytes, wavBytes } from '../helpers/media.js';

const simulator = createSimulatedOpenRouter({ chunkDelayMs: 0, firstTokenDelayMs: 0, keepAliveIntervalMs: 1 });
const ENDPOINT = 'http://simulated.test/api/v1/chat/completions';

function simulatedRequest(content: string | unknown[], init: { model?: string; authorization?: string | null; signal?: AbortSignal } = {}): Request {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.authorization !== null) headers['authorization'] = init.authorization ?? 'Bearer sk-test';
  return new Request(ENDPOINT, {
    method: 'POST',
    headers,
    body: JSON.stringify({ model: init.model ?? 'openai/gpt-4o-mini', stream: true, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content }] }),
    signal: init.signal,
  });
}

async function streamOf(content: string | unknown[], model?: string): Promise<{ response: Response; parsed: ParsedStream; chunks: Array<Record<string, any>> }> {
  const response = await simulator(simulatedRequest(content, { model }));
  const parsed = parseEventStream(await response.text());
  return { response, parsed, chunks: jsonChunks(parsed) };
}

const contentOf = (chunks: Array<Record<string, any>>): string =>
  chunks.map((chunk) => chunk['choices']?.[0]?.delta?.content ?? '').join('');

describe('simulated OpenRouter: wire format', () => {
  it('refuses a request without a bearer token, and a wrong key when one is set', async () => {
    const response = await simulator(simulatedRequest('Hi', { authorization: null }));
    assert.equal(response.status, 401);
    assert.equal((await response.json()).error.code, 401);
    const strict = createSimulatedOpenRouter({ apiKey: 'sk-right', chunkDelayMs: 0 });
    assert.equal((await strict(simulatedRequest('Hi', { authorization: 'Bearer sk-wrong' }))).status, 401);
    assert.equal((await strict(simulatedRequest('Hi', { authorization: 'Bearer sk-right' }))).status, 200);
  });

  it('streams comments, a role chunk, content deltas, finish, usage with cost, then [DONE]', async () => {
    const { response, parsed, chunks } = await streamOf('Show me markdown');
    assert.equal(response.headers.get('content-type'), 'text/event-stream');
    assert.deepEqual(parsed.comments, ['OPENROUTER PROCESSING']);
    assert.equal(parsed.data.at(-1), '[DONE]');
    assert.equal(parsed.data.filter((payload) => payload === '[DONE]').length, 1);
    for (const chunk of chunks) {
      assert.equal(chunk['object'], 'chat.completion.chunk');
      assert.equal(chunk['id'], response.headers.get('x-generation-id'));
      assert.equal(chunk['model'], 'openai/gpt-4o-mini');
    }
    assert.deepEqual(chunks[0]!['choices'][0].delta, { role: 'assistant', content: '' });

    const finishIndex = chunks.findIndex((chunk) => chunk['choices'][0].finish_reason === 'stop');
    assert.equal(finishIndex, chunks.length - 2, 'the finish chunk comes just before the usage chunk');
    const usage = chunks.at(-1)!['usage'];
    assert.equal(usage.total_tokens, usage.prompt_tokens + usage.completion_tokens);
    assert.ok(usage.prompt_tokens > 0 && usage.completion_tokens > 0);
    assert.ok(typeof usage.cost === 'number' && usage.cost > 0);

    const deltas = chunks.slice(1, finishIndex).map((chunk) => chunk['choices'][0].delta.content as string);
    assert.ok(deltas.length > 20, 'the answer streams in many pieces');
    assert.ok(deltas.every((delta) => delta.trim().split(/\s+/).length <= 3), 'a few words per delta');
  });

  it('answers in markdown: paragraphs, a list, a fenced code block and a table', async () => {
    const text = contentOf((await streamOf('Show me markdown')).chunks);
    assert.match(text, /\n\n/);
    assert.match(text, /^- /m);
    assert.match(text, /^```ts\n[\s\S]+\n```$/m);
    assert.match(text, /^\| --- \| --- \|$/m);
    assert.match(text, /Show me markdown/);
  });

  it('streams delta.reasoning before any content for a thinking model', async () => {
    const { chunks } = await streamOf('Why?', 'anthropic/claude-3.7-sonnet:thinking');
    const kinds = chunks
      .map((chunk) => chunk['choices']?.[0]?.delta ?? {})
      .map((delta) => (delta.reasoning ? 'reasoning' : delta.content ? 'content' : 'other'))
      .filter((kind) => kind !== 'other');
    const firstContent = kinds.indexOf('content');
    assert.ok(firstContent > 0);
    assert.ok(kinds.slice(0, firstContent).every((kind) => kind === 'reasoning'));
    assert.ok(kinds.slice(firstContent).every((kind) => kind === 'content'));
    assert.ok(chunks.at(-1)!['usage'].completion_tokens_details.reasoning_tokens > 0);
  });

  it('names a concrete model when asked for openrouter/auto', async () => {
    const { chunks } = await streamOf('Hi', 'openrouter/auto');
    assert.ok(chunks.every((chunk) => chunk['model'] !== 'openrouter/auto'));
  });
});

describe('simulated OpenRouter: attachments', () => {
  const image = (url: string) => ({ type: 'image_url', image_url: { url } });

  it('answers a message with parts with a first line describing them from their bytes', async () => {
    const { chunks } = await streamOf([
      { type: 'text', text: 'Compare these' },
      image(dataUrl('image/png', pngBytes(640, 480))),
      image(dataUrl('image/jpeg', jpegBytes(1024, 768, { exifBytes: 2000 }))),
      { type: 'file', file: { filename: 'report.pdf', file_data: dataUrl('application/pdf', Buffer.alloc(12_000, 0x25)) } },
      { type: 'input_audio', input_audio: { data: wavBytes({ sampleRate: 16_000, channels: 1, bitsPerSample: 16, seconds: 1.2 }).toString('base64'), format: 'wav' } },
    ]);
    const [first, ...rest] = contentOf(chunks).split('\n\n');
    assert.equal(first, 'Attachments: 2 images (png 640x480, jpeg 1024x768), 1 file (report.pdf, 12 kB), 1 audio clip (wav, 1.2 s).');
    assert.match(rest.join('\n\n'), /You asked: \*Compare these\*/, 'the text parts are the prompt');
  });

  it('describes URL images without fetching them, mp3 by format and size, and what it cannot read as such', async () => {
    const { chunks } = await streamOf([
      image('https://images.example/cat.png'),
      image('data:image/webp;base64,AAAA'),
      { type: 'file', file: { filename: 'paper.pdf', file_data: 'https://papers.example/paper.pdf' } },
      { type: 'input_audio', input_audio: { data: Buffer.alloc(34_000).toString('base64'), format: 'mp3' } },
      { type: 'input_audio', input_audio: { data: Buffer.alloc(2_500_000).toString('base64'), format: 'mp3' } },
    ]);
    assert.equal(
      contentOf(chunks).split('\n\n')[0],
      'Attachments: 2 images (URL image from images.example, image/webp, unreadable), 1 file (paper.pdf, URL), 2 audio clips (mp3, 34 kB, mp3, 2.5 MB).',
    );
  });

  it('answers text parts alone, or a string, without an attachments line', async () => {
    for (const content of [[{ type: 'text', text: 'Just text' }], 'Just text']) {
      const text = contentOf((await streamOf(content)).chunks);
      assert.match(text, /^You asked: \*Just text\*/);
    }
  });

  it('obeys a command in a text part', async () => {
    const response = await simulator(simulatedRequest([{ type: 'text', text: '/error 402' }, image(dataUrl('image/png', pngBytes(1, 1)))]));
    assert.equal(response.status, 402);
  });

  it("answers 404 with OpenRouter's message for an image to a text-only model, the image anywhere in the history", async () => {
    const request = new Request(ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
      body: JSON.stringify({
        model: 'simulated/text-only',
        stream: true,
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'See' }, image(dataUrl('image/png', pngBytes(2, 2)))] },
          { role: 'assistant', content: 'I see.' },
          { role: 'user', content: 'And now?' },
        ],
      }),
    });
    const response = await simulator(request);
    assert.equal(response.status, 404);
    assert.deepEqual(await response.json(), { error: { code: 404, message: 'No endpoints found that support image input' } });
    const { response: fine } = await streamOf('Text is fine', 'simulated/text-only');
    assert.equal(fine.status, 200);
  });
});

describe('simulated OpenRouter: failure commands', () => {
  it('/error N answers HTTP N with OpenRouter\'s JSON error, and Retry-After for 429', async () => {
    for (const status of [400, 402, 429, 503]) {
      const response = await simulator(simulatedRequest(`please /error ${status}`));
      assert.equal(response.status, status);
      assert.equal(response.headers.get('content-type'), 'application/json');
      const body = await response.json();
      assert.equal(body.error.code, status);
      assert.match(body.error.message, /simulated/);
      assert.equal(response.headers.get('retry-after') !== null, status === 429);
    }
  });

  it('/html 502 answers an HTML page, as a gateway would', async () => {
    const response = await simulator(simulatedRequest('/html 502'));
    assert.equal(response.status, 502);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await response.text(), /<html>/);
  });

  it('/midstream-error sends a few words, then an error chunk with finish_reason error, and no [DONE]', async () => {
    const { parsed, chunks } = await streamOf('/midstream-error');
    assert.ok(contentOf(chunks).length > 0);
    const last = chunks.at(-1)!;
    assert.equal(typeof last['error'].message, 'string');
    assert.ok(last['error'].code !== undefined);
    assert.equal(last['choices'][0].finish_reason, 'error');
    assert.ok(!parsed.data.includes('[DONE]'));
  });

  it('/truncate stops after a few words with no finish_reason, no usage and no [DONE]', async () => {
    const { parsed, chunks } = await streamOf('/truncate');
    assert.ok(contentOf(chunks).length > 0);
    assert.ok(chunks.every((chunk) => chunk['choices'][0].finish_reason === null && chunk['usage'] === undefined));
    assert.ok(!parsed.data.includes('[DONE]'));
  });

  it('/long answers at greater length than a plain prompt', async () => {
    const plain = contentOf((await streamOf('Hi')).chunks);
    const long = contentOf((await streamOf('Hi /long')).chunks);
    assert.ok(long.length > plain.length * 5);
  });

  it('/code answers with a fenced block in each language the highlight room ships', async () => {
    const answer = contentOf((await streamOf('Show me /code')).chunks);
    for (const language of ['ts', 'python', 'rust', 'bash', 'json', 'html', 'css', 'sql', 'yaml', 'go', 'diff']) {
      assert.match(answer, new RegExp(`^\`\`\`${language}\n[^]+?\n\`\`\`$`, 'm'), language);
    }
    assert.ok(answer.length > 4000);
  });

  it('/slow sends another keep-alive comment before the first token', async () => {
    const { parsed } = await streamOf('/slow');
    assert.equal(parsed.comments.length, 2);
    assert.equal(parsed.data.at(-1), '[DONE]');
  });

  it('/keepalive-only sends nothing but comments until cancelled', async () => {
    const response = await simulator(simulatedRequest('/keepalive-only'));
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while ((text.match(/: OPENROUTER PROCESSING\n\n/g) ?? []).length < 3) text += (await reader.read()).value;
    assert.equal(parseEventStream(text).data.length, 0);
    await reader.cancel();
  });

  it('/stall sends a few words and then nothing until cancelled', async () => {
    const response = await simulator(simulatedRequest('/stall'));
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const pieces: string[] = [];
    for (let read = 0; read < 6; read += 1) pieces.push((await reader.read()).value!);
    let nextRead = 'pending';
    const next = reader.read().then(() => (nextRead = 'settled'));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(nextRead, 'pending');
    await reader.cancel();
    await next;
    assert.ok(contentOf(jsonChunks(parseEventStream(pieces.join('')))).length > 0);
  });

  it('/hang sends no response until the request is aborted', async () => {
    const abort = new AbortController();
    let settled = false;
    const pending = simulator(simulatedRequest('/hang', { signal: abort.signal })).then((response) => {
      settled = true;
      return response;
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(settled, false);
    abort.abort();
    await pending;
  });

  it('lists every command it understands for the demo page', () => {
    assert.ok(SIMULATOR_COMMANDS.length >= 9);
    for (const { command } of SIMULATOR_COMMANDS) assert.match(command, /^\/[a-z-]+( \d{3})?$/);
  });

  it('stops generating when its request is aborted', async () => {
    const abort = new AbortController();
    const response = await simulator(simulatedRequest('/long', { signal: abort.signal }));
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = (await reader.read()).value!;
    abort.abort();
    for (let read = await reader.read(); !read.done; read = await reader.read()) text += read.value;
    assert.ok(!text.includes('[DONE]'));
    assert.ok(text.length < 500, 'at most the frame in flight follows the abort');
  });
});

describe('simulated OpenRouter as a real loopback server, behind the proxy', () => {
  let upstream: RunningServer;
  let proxy: RunningServer;
  before(async () => {
    upstream = await listen(toNodeListener(createSimulatedOpenRouter({ chunkDelayMs: 0, firstTokenDelayMs: 0, apiKey: 'sk-or-v1-test-secret-0123456789abcdef' })));
    proxy = await startProxy(`${upstream.url}/api/v1`);
  });
  after(async () => {
    await proxy.close();
    await upstream.close();
  });

  it('answers a proxied request with a complete stream (the proxy supplied the key)', async () => {
    const response = await postChat(proxy.url);
    assert.equal(response.status, 200);
    const parsed = parseEventStream(await response.text());
    assert.equal(parsed.data.at(-1), '[DONE]');
    assert.ok(contentOf(jsonChunks(parsed)).length > 0);
  });

  it('carries a simulated error through the proxy with its status', async () => {
    const response = await postChat(proxy.url, { messages: [{ role: 'user', content: '/error 402' }] });
    assert.equal(response.status, 402);
    assert.match((await response.json()).error.message, /Insufficient credits/);
  });
});
