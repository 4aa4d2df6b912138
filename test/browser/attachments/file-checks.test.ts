import { expect } from '@open-wc/testing';
import { isAccepted } from '../../../src/attachments/accept.js';
import { safeFileName } from '../../../src/attachments/file-name.js';
import { prepareFile } from '../../../src/attachments/prepare.js';
import { looksLikeSvg, sniffFormat } from '../../../src/attachments/sniff.js';
import { animatedGif, base64Bytes, canvasImage, pdfFixture, wavFile } from '../helpers/attachment-files.js';

const ALL = 'image/*,application/pdf,audio/*';
const FIVE_MIB = 5 * 1024 * 1024;

async function head(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer()).subarray(0, 512);
}

describe('attachments: what a file is, by its bytes', () => {
  it('recognises PNG, JPEG, WebP, GIF, PDF, WAV and MP3 by their signatures', async () => {
    const formats = await Promise.all([
      canvasImage('a.png', 4, 4),
      canvasImage('a.jpg', 4, 4, 'image/jpeg'),
      canvasImage('a.webp', 4, 4, 'image/webp'),
      Promise.resolve(animatedGif('a.gif')),
      pdfFixture(),
      Promise.resolve(wavFile('a.wav')),
    ]).then((files) => Promise.all(files.map(async (file) => sniffFormat(await head(file))?.format)));
    expect(formats).to.deep.equal(['png', 'jpeg', 'webp', 'gif', 'pdf', 'wav']);
    expect(sniffFormat(new Uint8Array([0x49, 0x44, 0x33, 4, 0]))?.format).to.equal('mp3');
    expect(sniffFormat(new Uint8Array([0xff, 0xfb, 0x90, 0x64]))?.format).to.equal('mp3');
  });

  it('knows nothing of a program, whatever its name', async () => {
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);
    expect(sniffFormat(exe)).to.equal(undefined);
    const result = await prepareFile(new File([exe], 'holiday.png', { type: 'image/png' }), { accept: ALL, maxBytes: FIVE_MIB });
    expect(result).to.deep.equal({ ok: false, problem: { reason: 'not-image' } });
  });

  it('tells an SVG apart, even behind an XML prolog and without its name', async () => {
    const svg = '\uFEFF<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    expect(looksLikeSvg(new TextEncoder().encode(svg))).to.equal(true);
    expect(looksLikeSvg(new TextEncoder().encode('hello <svg'))).to.equal(false);
    const result = await prepareFile(new File([svg], 'logo', { type: '' }), { accept: ALL, maxBytes: FIVE_MIB });
    expect(result).to.deep.equal({ ok: false, problem: { reason: 'svg' } });
  });

  it('refuses an empty file, and a file over the limit with both sizes', async () => {
    expect(await prepareFile(new File([], 'empty.pdf'), { accept: ALL, maxBytes: FIVE_MIB })).to.deep.equal({ ok: false, problem: { reason: 'empty' } });
    const pdf = await pdfFixture();
    expect(await prepareFile(pdf, { accept: ALL, maxBytes: 100 })).to.deep.equal({
      ok: false,
      problem: { reason: 'too-large', size: pdf.size, limit: 100 },
    });
  });

  it('reads accept as a file input does, against the type the bytes say', async () => {
    const png = sniffFormat(await head(await canvasImage('a.png', 2, 2)))!;
    const pdf = sniffFormat(await head(await pdfFixture()))!;
    expect(isAccepted('image/*', png)).to.equal(true);
    expect(isAccepted('image/*', pdf)).to.equal(false);
    expect(isAccepted(' .PDF , image/jpeg', pdf)).to.equal(true);
    expect(isAccepted('image/jpeg', png)).to.equal(false);
    expect(isAccepted('.png', png)).to.equal(true);
    expect(isAccepted('.png', pdf)).to.equal(false);
    const result = await prepareFile(await pdfFixture(), { accept: 'image/*', maxBytes: FIVE_MIB });
    expect(result).to.deep.equal({ ok: false, problem: { reason: 'not-accepted' } });
  });

  it('sends a PDF as it is, as a file part named without control or bidi characters', async () => {
    const pdf = await pdfFixture('re\u202Etxt.pdf\r\n');
    const result = await prepareFile(pdf, { accept: ALL, maxBytes: FIVE_MIB });
    if (!result.ok) throw new Error(`refused: ${result.problem.reason}`);
    const part = result.attachment.part;
    if (part.type !== 'file') throw new Error(`a ${part.type} part`);
    expect(part.file.filename).to.equal('retxt.pdf');
    expect(part.file.file_data.startsWith('data:application/pdf;base64,')).to.equal(true);
    expect(base64Bytes(part.file.file_data)).to.deep.equal(new Uint8Array(await pdf.arrayBuffer()));
  });

  it('sends a WAV as bare base64 with its format', async () => {
    const wav = wavFile('tone.wav');
    const result = await prepareFile(wav, { accept: 'audio/*', maxBytes: FIVE_MIB });
    if (!result.ok || result.attachment.part.type !== 'input_audio') throw new Error('not an audio part');
    const { data, format } = result.attachment.part.input_audio;
    expect(format).to.equal('wav');
    expect(data.startsWith('data:')).to.equal(false);
    expect(base64Bytes(data)).to.deep.equal(new Uint8Array(await wav.arrayBuffer()));
  });

  it('sends an animated GIF byte for byte, and refuses one over the limit rather than flatten it', async () => {
    const gif = animatedGif('spin.gif');
    const sent = await prepareFile(gif, { accept: ALL, maxBytes: FIVE_MIB });
    if (!sent.ok || sent.attachment.part.type !== 'image_url') throw new Error('not an image part');
    expect(base64Bytes(sent.attachment.part.image_url.url)).to.deep.equal(new Uint8Array(await gif.arrayBuffer()));
    const refused = await prepareFile(gif, { accept: ALL, maxBytes: 10 });
    expect(refused).to.deep.equal({ ok: false, problem: { reason: 'too-large', size: gif.size, limit: 10, gif: true } });
  });

  it('makes a safe file name, with a fallback when nothing is left', () => {
    expect(safeFileName('<img src=x onerror=alert(1)>.pdf', 'f')).to.equal('<img src=x onerror=alert(1)>.pdf');
    expect(safeFileName('\u202E\u2066\u0000\r\n', 'document.pdf')).to.equal('document.pdf');
    expect(safeFileName('a'.repeat(300), 'f')).to.have.length(255);
  });
});
