/**
 * The attachments' visible and spoken texts, in English. Part of the element's `strings`
 * (`ChatStrings`), whose page overrides win; their defaults live here so that a chat without
 * attachments never loads them.
 *
 * @module
 */
import type { AttachmentProblem } from './prepare.js';

/** The attachments' texts. */
export interface AttachmentStrings {
  /** The attach button (with `accept`). */
  attach: string;
  /** Accessible name of the list of files waiting to be sent. */
  attachments: string;
  /** Removes a waiting file. */
  removeAttachment: (name: string) => string;
  /** On a file's chip while it is read (and, for an image, scaled). */
  preparingAttachment: string;
  /** Announced when a file was added. */
  attachmentAdded: (name: string) => string;
  /** Why a file was not added (shown under the box, and announced). */
  attachmentRefused: (name: string, problem: AttachmentProblem) => string;
  /** More files than `max-attachments` allows: `notAdded` of them were left out. */
  tooManyAttachments: (max: number, notAdded: number) => string;
  /** Over the chat while files are dragged onto it. */
  dropFiles: string;
  /** Said when Send is pressed while files are still being prepared. */
  waitForAttachments: string;
  /** Opens a sent image at full size. */
  openImage: string;
  /** Closes the full-size image. */
  closeImage: string;
  /** A sent image without a name (its chip, and the full-size view's description). */
  imageAttachment: string;
  /** A sent audio file, by its format. */
  audioAttachment: (format: string) => string;
  /** A file size, e.g. `1.2 MB`. */
  fileSize: (bytes: number) => string;
}

const sizeFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

/** Bytes in words, in the decimal units people see in file managers. */
function fileSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${sizeFormat.format(bytes / 1000)} kB`;
  return `${sizeFormat.format(bytes / 1_000_000)} MB`;
}

const REFUSALS: Record<Exclude<AttachmentProblem['reason'], 'too-large'>, string> = {
  empty: 'is empty',
  svg: 'is an SVG, which can carry script: only PNG, JPEG, WebP and GIF images can be sent',
  'not-image': 'is not an image: its contents are not PNG, JPEG, WebP or GIF',
  unsupported: 'is not a file this chat can send (images, PDF, WAV or MP3)',
  'not-accepted': 'is not a kind of file this chat takes',
  unreadable: 'could not be read as an image; it may be damaged',
};

/** The English defaults of the attachments' texts. */
export const defaultAttachmentStrings: Readonly<AttachmentStrings> = Object.freeze({
  attach: 'Attach files',
  attachments: 'Attachments',
  removeAttachment: (name: string) => `Remove ${name}`,
  preparingAttachment: 'Preparing…',
  attachmentAdded: (name: string) => `Added ${name}.`,
  attachmentRefused: (name: string, problem: AttachmentProblem) =>
    problem.reason === 'too-large'
      ? `${name} was not added: it is ${fileSize(problem.size)}, over the ${fileSize(problem.limit)} limit${problem.gif ? ' (GIFs are sent as they are, to keep their animation)' : ''}.`
      : `${name} was not added: it ${REFUSALS[problem.reason]}.`,
  tooManyAttachments: (max: number, notAdded: number) =>
    `Only ${max} file${max === 1 ? '' : 's'} can go with a message: ${notAdded} more ${notAdded === 1 ? 'was' : 'were'} not added.`,
  dropFiles: 'Drop files to attach',
  waitForAttachments: 'The attachments are still being prepared: send again in a moment.',
  openImage: 'Open image',
  closeImage: 'Close',
  imageAttachment: 'Image',
  audioAttachment: (format: string) => `Audio (${format.toUpperCase()})`,
  fileSize,
});

/** `strings` with the attachments' defaults under what the page set. */
export function withAttachmentStrings<Strings extends Partial<AttachmentStrings>>(strings: Strings): Strings & AttachmentStrings {
  return { ...defaultAttachmentStrings, ...strings };
}
