/**
 * Files for attachment tests, made in the test: canvas images (PNG, JPEG, with an EXIF
 * orientation tag spliced in), an animated GIF and a WAV written byte by byte, and the real
 * PDF fixture. Nothing here is a stub of the code under test: these are the bytes a user's
 * disk would hand the browser.
 */

/** A `width` x `height` canvas drawn with a left half red and a right half blue (so orientation shows). */
function drawnCanvas(width: number, height: number): HTMLCanvasElement {
  const canvas = Object.assign(document.createElement('canvas'), { width, height });
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#ff0000';
  context.fillRect(0, 0, width / 2, height);
  context.fillStyle = '#0000ff';
  context.fillRect(width / 2, 0, width / 2, height);
  return canvas;
}

/** An image file of `type` drawn on a canvas. */
export async function canvasImage(name: string, width: number, height: number, type = 'image/png', quality = 0.92): Promise<File> {
  const blob = await new Promise<Blob>((resolve, reject) =>
    drawnCanvas(width, height).toBlob((made) => (made ? resolve(made) : reject(new Error('toBlob failed'))), type, quality),
  );
  return new File([blob], name, { type });
}

/**
 * A JPEG with an EXIF APP1 segment right after its SOI marker, holding `Orientation` and a
 * made-up `GPS` marker string, as a phone writes: big-endian TIFF, one IFD entry.
 */
export async function jpegWithOrientation(name: string, width: number, height: number, orientation: number): Promise<File> {
  const jpeg = new Uint8Array(await (await canvasImage(name, width, height, 'image/jpeg')).arrayBuffer());
  const tiff = [0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, 0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];
  const payload = [...new TextEncoder().encode('Exif\0\0'), ...tiff, ...new TextEncoder().encode('GPS-SECRET-52.37N')];
  const length = payload.length + 2;
  const app1 = [0xff, 0xe1, length >> 8, length & 0xff, ...payload];
  const bytes = new Uint8Array([...jpeg.subarray(0, 2), ...app1, ...jpeg.subarray(2)]);
  return new File([bytes], name, { type: 'image/jpeg' });
}

/** A two-frame animated 1x1 GIF (NETSCAPE loop, 0.1 s per frame). */
export function animatedGif(name: string): File {
  const frame = [0x21, 0xf9, 0x04, 0x04, 0x0a, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00];
  const header = [...new TextEncoder().encode('GIF89a'), 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff];
  const loop = [0x21, 0xff, 0x0b, ...new TextEncoder().encode('NETSCAPE2.0'), 0x03, 0x01, 0x00, 0x00, 0x00];
  return new File([new Uint8Array([...header, ...loop, ...frame, ...frame, 0x3b])], name, { type: 'image/gif' });
}

/** A mono 8 kHz 16-bit PCM WAV of `samples` samples of a square wave. */
export function wavFile(name: string, samples = 800): File {
  const data = samples * 2;
  const view = new DataView(new ArrayBuffer(44 + data));
  const ascii = (offset: number, text: string) => [...text].forEach((char, index) => view.setUint8(offset + index, char.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + data, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, 8000, true);
  view.setUint32(28, 16000, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, data, true);
  for (let index = 0; index < samples; index++) view.setInt16(44 + index * 2, index % 20 < 10 ? 8000 : -8000, true);
  return new File([view.buffer], name, { type: 'audio/wav' });
}

/** The real one-page PDF fixture (`test/browser/fixtures/hello.pdf`). */
export async function pdfFixture(name = 'hello.pdf'): Promise<File> {
  const response = await fetch(new URL('../fixtures/hello.pdf', import.meta.url));
  return new File([await response.blob()], name, { type: 'application/pdf' });
}

/** A `DataTransfer` holding `files`, as a picker, a drop or a paste hands them over. */
export function transferOf(files: readonly File[]): DataTransfer {
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  return transfer;
}

/** The dimensions of the image in `blob`, as the browser decodes it. */
export async function imageSize(blob: Blob): Promise<{ width: number; height: number }> {
  const bitmap = await createImageBitmap(blob);
  const size = { width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return size;
}

/** The bytes of a `data:...;base64,` URL (or of bare base64). */
export function base64Bytes(data: string): Uint8Array<ArrayBuffer> {
  const binary = atob(data.slice(data.indexOf(',') + 1));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** The color at the middle of an image's left edge, as `r,g,b` rounded to a tenth of 255. */
export async function leftEdgeColour(blob: Blob): Promise<string> {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  const [r, g, b] = context.getImageData(2, Math.floor(bitmap.height / 2), 1, 1).data;
  bitmap.close();
  return [r, g, b].map((value) => Math.round(value / 25.5)).join(',');
}
