/**
 * Content parts through the proxy on real loopback sockets (the Node adapter, or the Web
 * handler with PROXY_ADAPTER=web): what is forwarded, what is refused (each refusal a 400
 * naming the message and part, no upstream call, the next request served), and the
 * options allowAttachments, allowedPlugins and pdfEngine.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createChatHandler } from '../../../src/server/handler.js';
import type { RunningServer } from '../../../src/server/node.js';
import { dataUrl, jpegBytes, pngBytes, wavBytes } from '../helpers/media.js';
import { chatBody, postChat, startProxy, startUpstream, withProxy, type TestUpstream } from '../helpers/servers.js';

const PNG = dataUrl('image/png', pngBytes(64, 48));
const JPEG = dataUrl('image/jpeg', jpegBytes(32, 32));
const PDF = dataUrl('application/pdf', Buffer.from('%PDF-1.7\n%%EOF\n'));
const WAV = wavBytes({ sampleRate: 8000, channels: 1, bitsPerSample: 8, seconds: 0.1 }).toString('base64');

const text = (value: string) => ({ type: 'text', text: value });
const image = (url: unknown, detail?: unknown) => ({ type: 'image_url', image_url: detail === undefined ? { url } : { url, detail } });
const file = (filename: unknown, fileData: unknown) => ({ type: 'file', file: { filename, file_data: fileData } });
const audio = (data: unknown, format: unknown = 'wav') => ({ type: 'input_audio', input_audio: { data, format } });

/** A conversation whose third message, a user message, has these parts. */
function withParts(parts: unknown): Record<string, unknown> {
  return chatBody({
    messages: [
      { role: 'user', content: 'First' },
      { role: 'assistant', content: 'Answer' },
      { role: 'user', content: parts },
    ],
  });
}

/** Asserts OpenRouter's error shape with this status, and returns the message. */
async function errorMessageOf(response: Response, status: number): Promise<string> {
  assert.equal(response.status, status);
  assert.equal(response.headers.get('content-type'), 'application/json');
  const body = (await response.json()) as { error: { code: number; message: string } };
  assert.deepEqual(Object.keys(body), ['error']);
  assert.equal(body.error.code, status);
  return body.error.message;
}

/** The body the upstream received last, parsed. */
function lastForwarded(upstream: TestUpstream): Record<string, any> {
  const last = upstream.requests.at(-1);
  assert.ok(last !== undefined, 'a request reached upstream');
  return JSON.parse(last.body);
}

describe('proxy: content parts with the default options', () => {
  let upstream: TestUpstream;
  let proxy: RunningServer;
  before(async () => {
    upstream = await startUpstream();
    proxy = await startProxy(upstream.url);
  });
  after(async () => {
    await proxy.close();
    await upstream.close();
  });

  it('forwards an image + PDF + audio message unchanged, with the free PDF engine pinned', async () => {
    const parts = [text('What is in these?'), image(PNG, 'high'), image(JPEG), image('https://images.example/cat.webp?size=large', 'low'), file('report.pdf', PDF), file('paper.pdf', 'https://papers.example/paper.pdf'), audio(WAV, 'wav'), audio(WAV, 'mp3')];
    const body = withParts(parts);
    const response = await postChat(proxy.url, body);
    assert.equal(response.status, 200);
    await response.text();
    const forwarded = lastForwarded(upstream);
    assert.deepEqual(forwarded['messages'], body['messages']);
    assert.deepEqual(forwarded['plugins'], [{ id: 'file-parser', pdf: { engine: 'cloudflare-ai' } }]);
  });

  it('keeps only the known fields of each part, as it does for the body', async () => {
    const response = await postChat(proxy.url, withParts([{ ...text('Hi'), extra: 1 }, { type: 'image_url', image_url: { url: PNG, secret: 'x' }, note: 'y' }]));
    assert.equal(response.status, 200);
    await response.text();
    assert.deepEqual(lastForwarded(upstream)['messages'][2].content, [text('Hi'), image(PNG)]);
    assert.equal(lastForwarded(upstream)['plugins'], undefined, 'no file part: no plugin added');
  });

  const oversizedParts = Array.from({ length: 10_000 }, () => text('x'));
  const refusals: Array<[string, unknown, RegExp]> = [
    ['a javascript: image URL', [text('Hi'), image('javascript:alert(1)')], /^messages\[2\]\.content\[1\]\.image_url\.url must be https: or a data:image\/\(png\|jpeg\|webp\|gif\);base64 URL\.$/],
    ['a file: image URL', [image('file:///etc/passwd')], /messages\[2\]\.content\[0\]\.image_url\.url must be https:/],
    ['an http: image URL', [image('http://images.example/cat.png')], /content\[0\]\.image_url\.url must be https:/],
    ['an upper-case DATA: image URL', [image(PNG.replace('data:', 'DATA:'))], /content\[0\]\.image_url\.url must be https:/],
    ['an https URL with a line break in it', [image('https://images.example/a\n.png')], /image_url\.url must be https:/],
    ['an https URL with a space in it', [image('https://images.example/a b.png')], /image_url\.url must be https:/],
    ['an https URL of 9 000 characters', [image(`https://images.example/${'a'.repeat(9000)}`)], /image_url\.url must be https:/],
    ['an https URL without a host', [image('https:///cat.png')], /image_url\.url must be https:/],
    ['an https URL with a backslash (a parser reads it as a slash)', [image('https://images.example\\@evil.example/a.png')], /image_url\.url must be https:/],
    ['an SVG data URL (a MIME type outside the list)', [image(dataUrl('image/svg+xml', Buffer.from('<svg/>')))], /image_url\.url must be https:/],
    ['an image data URL that is not base64', [image('data:image/png,rawbytes')], /image_url\.url must be https:/],
    ['an image data URL with parameters', [image(PNG.replace(';base64', ';name=a.png;base64'))], /image_url\.url must be https:/],
    ['base64 with a character outside the alphabet', [image('data:image/png;base64,iVBO*w0K')], /content\[0\]\.image_url\.url is not valid base64/],
    ['base64 with a line break', [image(`${PNG.slice(0, 40)}\n${PNG.slice(40)}`)], /image_url\.url is not valid base64/],
    ['URL-safe base64', [image('data:image/png;base64,iVBO-w0_')], /image_url\.url is not valid base64/],
    ['base64 of a length no encoder makes', [image('data:image/png;base64,iVBORw0')], /image_url\.url is not valid base64/],
    ['padding in the middle of base64', [image('data:image/png;base64,iV==Rw0K')], /image_url\.url is not valid base64/],
    ['an empty base64 payload', [image('data:image/png;base64,')], /image_url\.url is not valid base64/],
    ['a detail outside auto/low/high', [image(PNG, 'ultra')], /content\[0\]\.image_url\.detail must be one of auto, low, high\./],
    ['an image_url that is a string', [{ type: 'image_url', image_url: PNG }], /content\[0\]\.image_url must be an object\./],
    ['an image without a url', [{ type: 'image_url', image_url: {} }], /image_url\.url must be https:/],
    ['a part type outside the list', [text('Hi'), { type: 'video_url', video_url: { url: 'https://videos.example/a.mp4' } }], /^messages\[2\]\.content\[1\]\.type must be "text", "image_url", "file" or "input_audio"\.$/],
    ['a part without a type', [{ text: 'Hi' }], /content\[0\]\.type must be/],
    ['a text part without text', [{ type: 'text', text: 42 }], /content\[0\]\.text must be a string\./],
    ['a nested array of parts', [[text('Hi')]], /^messages\[2\]\.content\[0\] must be an object/],
    ['a part that is a string', ['Hi'], /content\[0\] must be an object/],
    ['an empty parts array', [], /^messages\[2\]\.content must not be an empty array\.$/],
    ['10 000 parts', oversizedParts, /^messages\[2\]\.content has more than 50 parts\.$/],
    ['text parts over maxMessageChars together', [text('x'.repeat(60_000)), text('y'.repeat(60_000))], /^messages\[2\]\.content has more than 100000 characters of text\.$/],
    ['a file name with CR LF', [file('report.pdf\r\nX-Injected: 1', PDF)], /content\[0\]\.file\.filename must not contain control characters/],
    ['a file name with NUL', [file('report\u0000.pdf', PDF)], /file\.filename must not contain control characters/],
    ['an empty file name', [file('', PDF)], /file\.filename must be a string of 1 to 255 characters\./],
    ['a file name of 256 characters', [file(`${'a'.repeat(252)}.pdf`, PDF)], /file\.filename must be a string of 1 to 255/],
    ['a file that is not a PDF', [file('notes.txt', dataUrl('text/plain', Buffer.from('hi')))], /content\[0\]\.file\.file_data must be https: or a data:application\/pdf;base64 URL\./],
    ['a file at an http: URL', [file('a.pdf', 'http://papers.example/a.pdf')], /file\.file_data must be https:/],
    ['a PDF whose base64 does not decode', [file('a.pdf', 'data:application/pdf;base64,JVBERi0x!')], /file\.file_data is not valid base64/],
    ['a file without file_data', [{ type: 'file', file: { filename: 'a.pdf' } }], /file\.file_data must be https:/],
    ['an audio format outside wav/mp3', [audio(WAV, 'ogg')], /content\[0\]\.input_audio\.format must be one of wav, mp3\./],
    ['audio sent as a data URL', [audio(`data:audio/wav;base64,${WAV}`)], /input_audio\.data must be the bare base64 payload, without a data: prefix\./],
    ['audio whose base64 does not decode', [audio('UklGR#==')], /input_audio\.data is not valid base64/],
    ['audio without data', [{ type: 'input_audio', input_audio: { format: 'wav' } }], /input_audio\.data is not valid base64/],
  ];
  for (const [name, parts, expected] of refusals) {
    it(`400 for ${name}, naming the part; nothing forwarded, the next request served`, async () => {
      const forwardedBefore = upstream.requests.length;
      const message = await errorMessageOf(await postChat(proxy.url, withParts(parts)), 400);
      assert.match(message, expected);
      assert.ok(message.length < 300, 'the refusal does not echo the value back');
      assert.equal(upstream.requests.length, forwardedBefore, 'nothing reached upstream');
      const next = await postChat(proxy.url);
      assert.equal(next.status, 200);
      await next.text();
    });
  }

  it('400 for content parts in a system or an assistant message (only user messages carry them)', async () => {
    for (const [index, role] of [[0, 'system'], [1, 'assistant']] as const) {
      const messages: unknown[] = [{ role: 'system', content: 'Be brief.' }, { role: 'assistant', content: 'Hi' }, { role: 'user', content: 'Hello' }];
      messages[index] = { role, content: [text('Hi')] };
      const message = await errorMessageOf(await postChat(proxy.url, chatBody({ messages })), 400);
      assert.equal(message, `messages[${index}].content must be a string (only user messages carry content parts).`);
    }
  });

  const pluginRefusals: Array<[string, unknown, RegExp]> = [
    ['plugins that is not an array', { id: 'file-parser' }, /^plugins must be an array/],
    ['a plugin without an id', [{ pdf: { engine: 'native' } }], /^plugins\[0\] must be an object with an id/],
    ['11 plugins', Array.from({ length: 11 }, () => ({ id: 'file-parser' })), /^plugins must be an array of at most 10/],
    ['an unknown PDF engine', [{ id: 'file-parser', pdf: { engine: 'free-ocr' } }], /^plugins\[0\]\.pdf\.engine must be one of cloudflare-ai, mistral-ocr, native, pdf-text\.$/],
    ['a pdf that is not an object', [{ id: 'file-parser', pdf: 'native' }], /^plugins\[0\]\.pdf must be an object/],
    ['an enabled that is not a boolean', [{ id: 'file-parser', enabled: 'yes' }], /^plugins\[0\]\.enabled must be a boolean\.$/],
  ];
  for (const [name, plugins, expected] of pluginRefusals) {
    it(`400 for ${name}; nothing forwarded`, async () => {
      const forwardedBefore = upstream.requests.length;
      assert.match(await errorMessageOf(await postChat(proxy.url, chatBody({ plugins })), 400), expected);
      assert.equal(upstream.requests.length, forwardedBefore);
    });
  }
});

describe('proxy: allowAttachments', () => {
  it('false: refuses every part but text with a 400 naming it, and still forwards text parts', async () => {
    await withProxy({ allowAttachments: false }, async (proxy, upstream) => {
      for (const [part, type] of [[image(PNG), 'image_url'], [file('a.pdf', PDF), 'file'], [audio(WAV), 'input_audio']] as const) {
        const message = await errorMessageOf(await postChat(proxy.url, withParts([text('Look'), part])), 400);
        assert.equal(message, `messages[2].content[1] is an attachment (${type}), and this server accepts text only.`);
      }
      assert.equal(upstream.requests.length, 0);
      const response = await postChat(proxy.url, withParts([text('Only'), text('text')]));
      assert.equal(response.status, 200);
      await response.text();
      assert.deepEqual(lastForwarded(upstream)['messages'][2].content, [text('Only'), text('text')]);
    });
  });
});

describe('proxy: allowedPlugins and pdfEngine', () => {
  async function forwardedPlugins(proxy: RunningServer, upstream: TestUpstream, body: Record<string, unknown>): Promise<unknown> {
    const response = await postChat(proxy.url, body);
    assert.equal(response.status, 200, await response.clone().text());
    await response.text();
    return lastForwarded(upstream)['plugins'];
  }
  const pdfMessage = withParts([text('Summarize'), file('report.pdf', PDF)]);

  it('by default: file-parser entries pass, others are dropped (web search is refused: see the tools tests); a client-named engine is kept', async () => {
    await withProxy({}, async (proxy, upstream) => {
      const plugins = [{ id: 'file-parser', enabled: true, pdf: { engine: 'mistral-ocr' }, extra: 1 }, { id: 'response-healing' }];
      assert.deepEqual(await forwardedPlugins(proxy, upstream, { ...pdfMessage, plugins }), [{ id: 'file-parser', enabled: true, pdf: { engine: 'mistral-ocr' } }]);
      assert.equal(await forwardedPlugins(proxy, upstream, chatBody({ plugins: [{ id: 'response-healing' }] })), undefined, 'nothing left: no plugins field');
    });
  });

  it('by default, a file part with no engine named gets the free cloudflare-ai engine; no file part, no plugin', async () => {
    await withProxy({}, async (proxy, upstream) => {
      assert.deepEqual(await forwardedPlugins(proxy, upstream, pdfMessage), [{ id: 'file-parser', pdf: { engine: 'cloudflare-ai' } }]);
      assert.deepEqual(await forwardedPlugins(proxy, upstream, { ...pdfMessage, plugins: [{ id: 'file-parser', enabled: true }] }), [{ id: 'file-parser', enabled: true, pdf: { engine: 'cloudflare-ai' } }]);
      assert.deepEqual(await forwardedPlugins(proxy, upstream, { ...pdfMessage, plugins: [{ id: 'file-parser', pdf: {} }] }), [{ id: 'file-parser', pdf: { engine: 'cloudflare-ai' } }]);
      assert.equal(await forwardedPlugins(proxy, upstream, withParts([text('Look'), image(PNG)])), undefined);
    });
  });

  it('a PDF earlier in the conversation still gets the engine (OpenRouter parses every file part)', async () => {
    await withProxy({ pdfEngine: 'native' }, async (proxy, upstream) => {
      const body = chatBody({ messages: [{ role: 'user', content: [file('a.pdf', PDF)] }, { role: 'assistant', content: 'Read it.' }, { role: 'user', content: 'And?' }] });
      assert.deepEqual(await forwardedPlugins(proxy, upstream, body), [{ id: 'file-parser', pdf: { engine: 'native' } }]);
    });
  });

  it("allowedPlugins ['web']: web goes as sent, a client's file-parser entry is dropped, and the server's engine still applies", async () => {
    await withProxy({ allowedPlugins: ['web'], pdfEngine: 'pdf-text' }, async (proxy, upstream) => {
      const plugins = [{ id: 'web', max_results: 3 }, { id: 'file-parser', pdf: { engine: 'mistral-ocr' } }];
      assert.deepEqual(await forwardedPlugins(proxy, upstream, { ...pdfMessage, plugins }), [{ id: 'web', max_results: 3 }, { id: 'file-parser', pdf: { engine: 'pdf-text' } }]);
    });
  });

  it('refuses an unknown pdfEngine at creation', () => {
    assert.throws(() => createChatHandler({ apiKey: 'sk-or-v1-x', pdfEngine: 'free-ocr' as 'native' }), /pdfEngine.*cloudflare-ai, mistral-ocr, native, pdf-text/);
  });
});
