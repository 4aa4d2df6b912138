import { expect } from '@open-wc/testing';
import { encodeImage } from '../../../src/attachments/image-encode.js';
import { runImageStep } from '../../../src/attachments/image-step.js';
import { MAX_IMAGE_SIDE, prepareFile } from '../../../src/attachments/prepare.js';
import { base64Bytes, canvasImage, imageSize, jpegWithOrientation, leftEdgeColour } from '../helpers/attachment-files.js';

const MIB = 1024 * 1024;

/** Whether `needle` occurs in `bytes`. */
function contains(bytes: Uint8Array, needle: string): boolean {
  return new TextDecoder('latin1').decode(bytes).includes(needle);
}

/** Every worker the page starts, and how many replies each sent: proof the step ran there. */
const workers: Array<{ replies: number }> = [];

describe('attachments: the image step', () => {
  before(() => {
    const PageWorker = globalThis.Worker;
    globalThis.Worker = class extends PageWorker {
      constructor(...args: ConstructorParameters<typeof Worker>) {
        super(...args);
        const record = { replies: 0 };
        workers.push(record);
        this.addEventListener('message', () => record.replies++);
      }
    };
  });

  it('scales a 6000x4000 JPEG to 2048 px on the long side, keeping its shape', async () => {
    const photo = await canvasImage('big.jpg', 6000, 4000, 'image/jpeg');
    const result = await runImageStep(photo, MAX_IMAGE_SIDE, 3.5 * MIB);
    if (!result.ok) throw new Error(result.problem);
    expect(await imageSize(result.blob)).to.deep.equal({ width: 2048, height: 1365 });
    expect(result.blob.type).to.equal('image/jpeg');
    expect(result.blob.size).to.be.below(photo.size);
  });

  it('honours EXIF orientation and drops the metadata (EXIF, GPS) when re-encoding', async () => {
    // Orientation 6: stored landscape, shown rotated 90° clockwise (portrait).
    const photo = await jpegWithOrientation('phone.jpg', 200, 100, 6);
    expect(contains(new Uint8Array(await photo.arrayBuffer()), 'GPS-SECRET')).to.equal(true);
    const result = await prepareFile(photo, { accept: 'image/*', maxBytes: 5 * MIB });
    if (!result.ok || result.attachment.part.type !== 'image_url') throw new Error('not an image part');
    const sent = base64Bytes(result.attachment.part.image_url.url);
    expect(await imageSize(new Blob([sent]))).to.deep.equal({ width: 100, height: 200 });
    expect(contains(sent, 'Exif'), 'EXIF segment').to.equal(false);
    expect(contains(sent, 'GPS-SECRET'), 'GPS marker').to.equal(false);
  });

  it('keeps a small PNG a PNG, and makes a PNG over the byte limit a smaller WebP', async () => {
    const png = await canvasImage('shot.png', 300, 200);
    const kept = await encodeImage(png, MAX_IMAGE_SIDE, 5 * MIB);
    if (!kept.ok) throw new Error(kept.problem);
    expect(kept.blob.type).to.equal('image/png');
    const squeezed = await encodeImage(png, MAX_IMAGE_SIDE, Math.floor(png.size / 2));
    if (!squeezed.ok) throw new Error(squeezed.problem);
    expect(squeezed.blob.type).to.equal('image/webp');
    expect(squeezed.blob.size).to.be.at.most(png.size / 2);
  });

  it('scales further down when no quality fits, and gives up past that', async () => {
    const photo = await canvasImage('big.jpg', 3000, 2000, 'image/jpeg');
    const small = await encodeImage(photo, MAX_IMAGE_SIDE, 4000);
    if (!small.ok) throw new Error(small.problem);
    expect(small.width).to.be.below(2048);
    expect(small.blob.size).to.be.at.most(4000);
    expect(await encodeImage(photo, MAX_IMAGE_SIDE, 10)).to.deep.equal({ ok: false, problem: 'too-large' });
  });

  it('calls a corrupt image unreadable, in the worker and on the main thread', async () => {
    const header = new Uint8Array(await (await canvasImage('x.png', 8, 8)).arrayBuffer()).subarray(0, 40);
    const broken = new Blob([header, new Uint8Array(200).fill(7)], { type: 'image/png' });
    expect(await runImageStep(broken, MAX_IMAGE_SIDE, MIB)).to.deep.equal({ ok: false, problem: 'unreadable' });
    expect(await encodeImage(broken, MAX_IMAGE_SIDE, MIB)).to.deep.equal({ ok: false, problem: 'unreadable' });
  });

  it('gives the same image in the worker as on the main thread', async () => {
    const photo = await canvasImage('p.jpg', 400, 300, 'image/jpeg');
    const [inWorker, onMain] = await Promise.all([runImageStep(photo, 256, MIB), encodeImage(photo, 256, MIB)]);
    if (!inWorker.ok || !onMain.ok) throw new Error('refused');
    expect([inWorker.width, inWorker.height]).to.deep.equal([onMain.width, onMain.height]);
    expect([inWorker.width, inWorker.height]).to.deep.equal([256, 192]);
    expect(await leftEdgeColour(inWorker.blob)).to.equal(await leftEdgeColour(onMain.blob));
    // One worker for the page, which answered every runImageStep of this file.
    expect(workers).to.have.length(1);
    expect(workers[0].replies).to.be.at.least(3);
  });
});
