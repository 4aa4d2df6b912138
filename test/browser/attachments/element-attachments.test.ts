import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../src/index.js';
import { OpenRouterChatAttachmentEvent, type ChatMessage, type ContentPart, type OpenRouterChat } from '../../../src/index.js';
import { shadow } from '../helpers/chat-fixture.js';
import { part, parts, textarea, typeAndEnter } from '../helpers/chat-ui.js';
import { CHAT_ENDPOINT, answerEvents, serveChat, sseResponse, type RecordingEndpoint } from '../helpers/sse-mock.js';
import { animatedGif, canvasImage, jpegWithOrientation, pdfFixture, transferOf, wavFile } from '../helpers/attachment-files.js';

/** A chat that takes images, PDFs and audio, with its attachments room loaded. */
async function attachingChat(accept = 'image/*,application/pdf,audio/*'): Promise<OpenRouterChat> {
  const el = await fixture<OpenRouterChat>(html`<openrouter-chat endpoint=${CHAT_ENDPOINT} model="test/model" accept=${accept}></openrouter-chat>`);
  await waitUntil(() => part(el, 'attach-button'), 'the attach button never came');
  return el;
}

/** Picks `files` in the attach button's file input, as the picker does. */
function pick(el: OpenRouterChat, files: File[]): void {
  const input = shadow(el).querySelector<HTMLInputElement>('input[type=file]')!;
  input.files = transferOf(files).files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/**
 * Runs `give` (a pick, a drop, a paste) and waits for the chat to say what became of the
 * files: it announces once every file is ready or refused, each time in a fresh node.
 */
async function given(el: OpenRouterChat, give: () => void | Promise<void>): Promise<void> {
  const announcer = shadow(el).querySelector('[data-announcer]')!;
  const before = announcer.firstChild;
  await give();
  await waitUntil(() => announcer.firstChild !== before, 'the files were never announced', { timeout: 8000 });
  await el.updateComplete;
}

const chipNames = (el: OpenRouterChat) => parts(el, 'attachment').map((chip) => chip.querySelector('.chip-name')!.textContent);
const notes = (el: OpenRouterChat) => parts(el, 'attachment-note').map((note) => note.textContent);
const announced = (el: OpenRouterChat) => shadow(el).querySelector('[data-announcer]')!.textContent;

/** Types `text` into the box, sends it with what waits in the tray, and waits for the answer. */
async function sendAndAnswer(el: OpenRouterChat, text: string): Promise<void> {
  const complete = oneEvent(el, 'openrouter-chat-complete');
  typeAndEnter(el, text);
  await complete;
  await el.updateComplete;
}

/** The user message of request `index` the endpoint received. */
function sentUser(endpoint: RecordingEndpoint, index = 0): ChatMessage {
  const { messages } = endpoint.requests[index].body as { messages: ChatMessage[] };
  return messages.at(-1)!;
}

describe('<openrouter-chat> attachments', () => {
  let endpoint: RecordingEndpoint;
  beforeEach(async () => {
    endpoint = await serveChat(() => sseResponse(answerEvents(['Seen.'])));
  });

  it('shows no attach button and takes no dropped file without accept', async () => {
    const el = await fixture<OpenRouterChat>(html`<openrouter-chat endpoint=${CHAT_ENDPOINT}></openrouter-chat>`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(part(el, 'attach-button')).to.equal(null);
    const drop = new DragEvent('drop', { dataTransfer: transferOf([wavFile('a.wav')]), bubbles: true, composed: true, cancelable: true });
    shadow(el).querySelector('.log')!.dispatchEvent(drop);
    expect(drop.defaultPrevented).to.equal(false);
  });

  it('sends picked files as content parts after the text, and shows them in the message', async () => {
    const el = await attachingChat();
    await given(el, async () => pick(el, [await canvasImage('photo.png', 320, 240), await pdfFixture('report.pdf'), wavFile('memo.wav')]));
    expect(chipNames(el)).to.deep.equal(['photo.png', 'report.pdf', 'memo.wav']);
    expect(announced(el)).to.equal('Added photo.png. Added report.pdf. Added memo.wav.');
    const sending = oneEvent(el, 'openrouter-chat-send');
    const complete = oneEvent(el, 'openrouter-chat-complete');
    typeAndEnter(el, 'What is in these?');
    const sendDetail = (await sending).detail;
    await complete;
    await el.updateComplete;

    const sent = sentUser(endpoint);
    const content = sent.content as ContentPart[];
    expect(content.map((piece) => piece.type)).to.deep.equal(['text', 'image_url', 'file', 'input_audio']);
    expect(content[0]).to.deep.equal({ type: 'text', text: 'What is in these?' });
    expect(sendDetail.messages.at(-1)).to.deep.equal(sent);
    expect(el.messages[0]).to.deep.equal(sent);
    // The tray is empty again; the message shows a thumbnail (an object URL) and two chips.
    expect(parts(el, 'attachment')).to.have.length(0);
    const shown = parts(el, 'message-attachment');
    expect(shown).to.have.length(3);
    expect(shown[0].querySelector('img')!.src).to.match(/^blob:/);
    expect(shown.slice(1).map((chip) => chip.querySelector('.chip-name')!.textContent)).to.deep.equal(['report.pdf', 'Audio (WAV)']);
  });

  it('shows a sent image again after the element leaves the page and comes back', async () => {
    const el = await attachingChat();
    await given(el, async () => pick(el, [await canvasImage('photo.png', 40, 30)]));
    await sendAndAnswer(el, 'Look');
    const before = part(el, 'message-attachment')!.querySelector('img')!.src;
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    await el.updateComplete;
    // Leaving revoked the thumbnail's URL; the message renders again with a new one.
    const after = part(el, 'message-attachment')!.querySelector('img')!.src;
    expect(after).to.match(/^blob:/);
    expect(after).to.not.equal(before);
  });

  it('sends an image without any text', async () => {
    const el = await attachingChat();
    await given(el, async () => pick(el, [await canvasImage('only.png', 50, 50)]));
    await sendAndAnswer(el, '');
    expect((sentUser(endpoint).content as ContentPart[]).map((piece) => piece.type)).to.deep.equal(['image_url']);
  });

  it('takes dropped files, with a drop target while dragging', async () => {
    const el = await attachingChat();
    const log = shadow(el).querySelector('.log')!;
    const transfer = transferOf([await canvasImage('dropped.jpg', 64, 64, 'image/jpeg')]);
    const drag = (type: string) => {
      const event = new DragEvent(type, { dataTransfer: transfer, bubbles: true, composed: true, cancelable: true });
      log.dispatchEvent(event);
      return event;
    };
    expect(drag('dragenter').defaultPrevented).to.equal(true);
    drag('dragover');
    await el.updateComplete;
    expect(part(el, 'drop-target')?.textContent).to.contain('Drop files to attach');
    await given(el, () => {
      expect(drag('drop').defaultPrevented, 'the browser would open the file').to.equal(true);
    });
    expect(part(el, 'drop-target')).to.equal(null);
    expect(chipNames(el)).to.deep.equal(['dropped.jpg']);
  });

  it('attaches a pasted image, and lets pasted text into the box', async () => {
    const el = await attachingChat();
    const box = textarea(el);
    const pasteFiles = new ClipboardEvent('paste', { clipboardData: transferOf([await canvasImage('image.png', 40, 40)]), bubbles: true, composed: true, cancelable: true });
    await given(el, () => void box.dispatchEvent(pasteFiles));
    expect(pasteFiles.defaultPrevented).to.equal(true);
    expect(chipNames(el)).to.deep.equal(['image.png']);
    const text = new DataTransfer();
    text.setData('text/plain', 'just words');
    const pasteText = new ClipboardEvent('paste', { clipboardData: text, bubbles: true, composed: true, cancelable: true });
    box.dispatchEvent(pasteText);
    expect(pasteText.defaultPrevented).to.equal(false);
    expect(chipNames(el)).to.deep.equal(['image.png']);
  });

  it('refuses each bad file with a note naming it and why, and keeps the good ones', async () => {
    const el = await attachingChat();
    const exe = new File([new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0])], 'cat.png', { type: 'image/png' });
    const svg = new File(['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'], 'logo.svg', { type: 'image/svg+xml' });
    const empty = new File([], 'empty.pdf', { type: 'application/pdf' });
    await given(el, async () => pick(el, [exe, svg, empty, await canvasImage('fine.png', 10, 10)]));
    expect(chipNames(el)).to.deep.equal(['fine.png']);
    expect(notes(el)).to.deep.equal([
      'cat.png was not added: it is not an image: its contents are not PNG, JPEG, WebP or GIF.',
      'logo.svg was not added: it is an SVG, which can carry script: only PNG, JPEG, WebP and GIF images can be sent.',
      'empty.pdf was not added: it is empty.',
    ]);
    expect(announced(el)).to.contain('Added fine.png.').and.to.contain('cat.png was not added');
  });

  it('refuses a file over max-attachment-bytes with the sizes in words', async () => {
    const el = await attachingChat();
    el.maxAttachmentBytes = 1000;
    await given(el, async () => pick(el, [wavFile('long.wav', 4000)]));
    expect(notes(el)).to.deep.equal(['long.wav was not added: it is 8 kB, over the 1 kB limit.']);
  });

  it('keeps the first max-attachments of 50 dropped files, with one note for the rest', async () => {
    const el = await attachingChat();
    const files = await Promise.all(Array.from({ length: 50 }, (_, index) => canvasImage(`shot-${index}.png`, 8, 8)));
    const drop = new DragEvent('drop', { dataTransfer: transferOf(files), bubbles: true, composed: true, cancelable: true });
    await given(el, () => void shadow(el).querySelector('.log')!.dispatchEvent(drop));
    expect(chipNames(el)).to.deep.equal(['shot-0.png', 'shot-1.png', 'shot-2.png', 'shot-3.png']);
    expect(notes(el)).to.deep.equal(['Only 4 files can go with a message: 46 more were not added.']);
  });

  it('shows a hostile file name as inert text, without its bidi overrides', async () => {
    const el = await attachingChat();
    await given(el, async () => pick(el, [await pdfFixture('<img src=x onerror=alert(1)>\u202Efdp.exe')]));
    const chip = parts(el, 'attachment')[0];
    expect(chip.querySelector('img')).to.equal(null);
    expect(chipNames(el)).to.deep.equal(['<img src=x onerror=alert(1)>fdp.exe']);
    expect(part(el, 'attachment-remove')!.getAttribute('aria-label')).to.equal('Remove <img src=x onerror=alert(1)>fdp.exe');
  });

  it('removes a waiting file with its button, by keyboard too', async () => {
    const el = await attachingChat();
    await given(el, async () => pick(el, [await canvasImage('a.png', 8, 8), animatedGif('b.gif')]));
    part(el, 'attachment-remove')!.click();
    await el.updateComplete;
    expect(chipNames(el)).to.deep.equal(['b.gif']);
  });

  it('lets a page take a file over: a cancelled attachment event, then an https link part', async () => {
    const el = await attachingChat();
    el.addEventListener('openrouter-chat-attachment', (event) => {
      expect(event).to.be.instanceOf(OpenRouterChatAttachmentEvent);
      event.preventDefault();
      void el.addAttachments([{ type: 'image_url', image_url: { url: `https://cdn.example.com/u/${encodeURIComponent(event.detail.file.name)}` } }]);
    });
    await given(el, async () => pick(el, [await jpegWithOrientation('holiday.jpg', 20, 10, 1)]));
    await waitUntil(() => chipNames(el).length === 1, 'the link was not added');
    expect(chipNames(el)).to.deep.equal(['holiday.jpg']);
    await sendAndAnswer(el, 'Look');
    expect(sentUser(endpoint).content).to.deep.equal([
      { type: 'text', text: 'Look' },
      { type: 'image_url', image_url: { url: 'https://cdn.example.com/u/holiday.jpg' } },
    ]);
    // A link is never fetched for a thumbnail: a chip instead.
    await el.updateComplete;
    expect(part(el, 'message-attachment')!.querySelector('img')).to.equal(null);
  });

  it('restores a saved conversation with parts, thumbnails from its data URL and nothing from a link', async () => {
    const dataUrl = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
    localStorage.setItem(
      'attach-restore',
      JSON.stringify({
        version: 1,
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Saved' }, { type: 'image_url', image_url: { url: dataUrl } }, { type: 'image_url', image_url: { url: 'https://tracker.example/p.png' } }] },
          { role: 'assistant', content: 'A pixel.' },
        ],
      }),
    );
    const el = await fixture<OpenRouterChat>(html`<openrouter-chat endpoint=${CHAT_ENDPOINT} storage-key="attach-restore"></openrouter-chat>`);
    await waitUntil(() => parts(el, 'message-attachment').length === 2, 'the attachments were not shown');
    const [thumbnail, link] = parts(el, 'message-attachment');
    expect(thumbnail.querySelector('img')!.getAttribute('src')).to.equal(dataUrl);
    expect(link.querySelector('img')).to.equal(null);
    expect((el.messages[0].content as ContentPart[])[1]).to.deep.equal({ type: 'image_url', image_url: { url: dataUrl } });
    localStorage.removeItem('attach-restore');
  });

  it('refuses malformed parts given to addAttachments, and shows a stored conversation with malformed parts without breaking', async () => {
    const el = await attachingChat();
    const malformed = [{ type: 'text', text: 'not an attachment' }, { type: 'image_url' }, { type: 'file', file: { filename: 7 } }] as unknown as ContentPart[];
    await given(el, () => el.addAttachments(malformed));
    expect(chipNames(el)).to.deep.equal([]);
    expect(notes(el)).to.have.length(3);
    expect(notes(el).every((note) => note.endsWith('is not a file this chat can send (images, PDF, WAV or MP3).'))).to.equal(true);

    localStorage.setItem(
      'attach-hostile',
      JSON.stringify({
        version: 1,
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Kept' }, { type: 'file' }, { type: 'image_url', image_url: { url: 'javascript:alert(1)' } }, { type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }] },
        ],
      }),
    );
    const stored = await fixture<OpenRouterChat>(html`<openrouter-chat endpoint=${CHAT_ENDPOINT} storage-key="attach-hostile"></openrouter-chat>`);
    await waitUntil(() => parts(stored, 'message-attachment').length > 0, 'the stored attachments were not shown');
    // The part without its payload is left out; the javascript: image is a chip, never an <img>; the audio shows.
    const shown = parts(stored, 'message-attachment');
    expect(shown.map((chip) => chip.querySelector('.chip-name')?.textContent)).to.deep.equal(['Image', 'Audio (WAV)']);
    expect(shadow(stored).querySelectorAll('.message-attachments img')).to.have.length(0);
    localStorage.removeItem('attach-hostile');
  });

  it('opens a sent image full size in a modal dialog; Esc closes it and leaves the answer alone', async () => {
    const el = await attachingChat();
    await given(el, async () => pick(el, [await canvasImage('big.png', 300, 200)]));
    await sendAndAnswer(el, 'Describe');
    const thumbnail = part(el, 'message-attachment')!;
    expect(thumbnail.getAttribute('aria-label')).to.equal('Open image');
    thumbnail.click();
    await waitUntil(() => part<HTMLDialogElement>(el, 'image-viewer')?.open, 'the viewer did not open');
    const viewer = part<HTMLDialogElement>(el, 'image-viewer')!;
    expect(viewer.querySelector('img')!.src).to.equal(thumbnail.querySelector('img')!.src);
    viewer.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true, cancelable: true }));
    await waitUntil(() => !part(el, 'image-viewer'), 'the viewer did not close');
    expect(el.messages).to.have.length(2);
  });

  it('revokes the object URLs of a conversation it clears', async () => {
    const el = await attachingChat();
    await given(el, async () => pick(el, [await canvasImage('gone.png', 30, 30)]));
    await sendAndAnswer(el, 'Once');
    const url = part(el, 'message-attachment')!.querySelector('img')!.src;
    expect((await fetch(url)).ok).to.equal(true);
    el.clear();
    await el.updateComplete;
    await fetch(url).then(
      () => expect.fail('the object URL still resolves'),
      (error: unknown) => expect(error).to.be.instanceOf(TypeError),
    );
  });

  it('waits for a file still being prepared before sending, and says so', async () => {
    const el = await attachingChat();
    pick(el, [await canvasImage('huge.jpg', 5000, 4000, 'image/jpeg')]);
    await waitUntil(() => shadow(el).querySelector('[aria-busy="true"]'), 'no chip while preparing');
    typeAndEnter(el, 'Now');
    await el.updateComplete;
    expect(endpoint.requests).to.have.length(0);
    expect(textarea(el).value).to.equal('Now');
    expect(announced(el)).to.equal('The attachments are still being prepared: send again in a moment.');
    await waitUntil(() => announced(el) === 'Added huge.jpg.', 'the photo was never ready', { timeout: 8000 });
  });

  it('is accessible with waiting files and notes', async () => {
    const el = await attachingChat();
    await given(el, async () => pick(el, [await canvasImage('a.png', 8, 8), new File([], 'none.pdf')]));
    await expect(el).to.be.accessible();
  });
});
