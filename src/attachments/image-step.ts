/**
 * Runs {@link encodeImage} in a worker where the browser can (`OffscreenCanvas`, and a page
 * policy that lets a `blob:` worker start), else on the main thread. A worker that fails to
 * start hands its images back to the main thread, and is not tried again.
 *
 * @module
 */
import { encodeImage, type ImageStepResult } from './image-encode.js';

interface WorkerRequest {
  readonly id: number;
  readonly blob: Blob;
  readonly maxSide: number;
  readonly maxBytes: number;
}

/** One worker for the page, made on first use; `null` once it proved unusable. */
let worker: Worker | null | undefined;
let nextId = 1;
const waiting = new Map<number, { request: WorkerRequest; resolve: (result: ImageStepResult | Promise<ImageStepResult>) => void }>();

/**
 * Scales and re-encodes the image in `blob` (whose `type` is the format its bytes are in)
 * within `maxSide` pixels and `maxBytes`; see {@link encodeImage}.
 */
export function runImageStep(blob: Blob, maxSide: number, maxBytes: number): Promise<ImageStepResult> {
  const imageWorker = startWorker();
  if (!imageWorker) return encodeImage(blob, maxSide, maxBytes);
  return new Promise((resolve) => {
    const request = { id: nextId++, blob, maxSide, maxBytes };
    waiting.set(request.id, { request, resolve });
    imageWorker.postMessage(request);
  });
}

/**
 * The worker's script is the encoder's own source (a `blob:` URL: the package has no file
 * the page would have to serve). A strict `worker-src` or Trusted Types policy refuses it:
 * then the constructor throws or the worker reports an error, and the main thread takes over.
 */
function startWorker(): Worker | undefined {
  if (worker !== undefined) return worker ?? undefined;
  if (typeof OffscreenCanvas !== 'function' || typeof Worker !== 'function') {
    worker = null;
    return undefined;
  }
  const source = `const encodeImage = ${encodeImage.toString()};
onmessage = async ({ data }) => postMessage({ id: data.id, result: await encodeImage(data.blob, data.maxSide, data.maxBytes) });`;
  try {
    worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
  } catch {
    worker = null;
    return undefined;
  }
  worker.onmessage = ({ data }: MessageEvent<{ id: number; result: ImageStepResult }>) => {
    waiting.get(data.id)?.resolve(data.result);
    waiting.delete(data.id);
  };
  worker.onerror = () => {
    worker?.terminate();
    worker = null;
    for (const { request, resolve } of waiting.values()) resolve(encodeImage(request.blob, request.maxSide, request.maxBytes));
    waiting.clear();
  };
  return worker;
}
