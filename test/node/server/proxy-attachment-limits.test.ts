/**
 * The default body limit (32 MiB), sized for attachments: four images at the element's
 * defaults pass; anything past it is refused as soon as it is passed, and nothing of a
 * refused upload stays in memory.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningServer } from '../../../src/server/node.js';
import { DEFAULT_MAX_BODY_BYTES } from '../../../src/server/options.js';
import { assertJsonError, postInPieces } from '../helpers/http.js';
import { dataUrl, pngBytes } from '../helpers/media.js';
import { memorySnapshot, mib } from '../helpers/memory.js';
import { chatBody, postChat, startProxy, startUpstream, type TestUpstream } from '../helpers/servers.js';

const MIB = 1024 * 1024;

describe('the default body limit', () => {
  let upstream: TestUpstream;
  let proxy: RunningServer;
  before(async () => {
    upstream = await startUpstream();
    proxy = await startProxy(upstream.url, { rateLimit: false });
  });
  after(async () => {
    await proxy.close();
    await upstream.close();
  });

  it('is 32 MiB', () => {
    assert.equal(DEFAULT_MAX_BODY_BYTES, 32 * MIB);
  });

  it("forwards four 5 MiB images (the element's max-attachments and max-attachment-bytes) with their text", async () => {
    const image = Buffer.concat([pngBytes(2048, 1536), Buffer.alloc(5 * MIB - 33, 0x5a)]);
    const url = dataUrl('image/png', image);
    const body = chatBody({
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Which is best? '.repeat(2000) }, ...Array.from({ length: 4 }, () => ({ type: 'image_url', image_url: { url } }))] }],
    });
    const json = JSON.stringify(body);
    assert.ok(json.length > 26 * MIB && json.length < DEFAULT_MAX_BODY_BYTES, `${mib(json.length)} of JSON`);
    const response = await postChat(proxy.url, json);
    assert.equal(response.status, 200);
    await response.text();
    assert.equal(upstream.requests.length, 1);
    assert.equal(JSON.parse(upstream.requests[0]!.body).messages[0].content[4].image_url.url.length, url.length);
    upstream.requests.length = 0;
  });

  it('413 for a 100 MiB chunked body once it passes 32 MiB, keeping none of it', async () => {
    const before = await memorySnapshot();
    const result = await postInPieces(proxy.url, { totalBytes: 100 * MIB, pieceBytes: 256 * 1024, pauseMs: 0, declareLength: false });
    const afterward = await memorySnapshot();
    assertJsonError(result, 413);
    assert.ok(result.bytesSentBeforeAnswer > DEFAULT_MAX_BODY_BYTES, 'the limit was passed');
    // Unpaced, the client writes ahead of what the proxy has read.
    assert.ok(result.bytesSentBeforeAnswer < DEFAULT_MAX_BODY_BYTES + 8 * MIB, `answered after ${mib(result.bytesSentBeforeAnswer)}`);
    const heapGrowth = afterward.heapUsed - before.heapUsed;
    console.log(`100 MiB body at the default limit: 413 after ${mib(result.bytesSentBeforeAnswer)}; heap ${mib(before.heapUsed)} -> ${mib(afterward.heapUsed)}, RSS ${mib(before.rss)} -> ${mib(afterward.rss)}`);
    assert.ok(heapGrowth < 2 * MIB, `heap grew ${mib(heapGrowth)}`);
    assert.equal(upstream.requests.length, 0);
  });
});
