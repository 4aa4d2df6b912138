/**
 * The attachments of `<openrouter-chat>`, as a Lit reactive controller: the files waiting to
 * go with the next message, the notes on files that were refused, the drop target, the
 * full-size image viewer, and the object URLs behind every thumbnail (revoked when their
 * message goes). Loaded on demand: the element imports this module only once `accept` is
 * set or a message carries attachments.
 *
 * @module
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isContentPart } from './content-part-shape.js';
import { safeFileName } from './file-name.js';
import { prepareFile, type AttachmentRules } from './prepare.js';
import type { RoomKit } from '../rooms/room-kit.js';
import type { AttachmentStrings } from './attachment-strings.js';
import type { ChatMessage, ContentPart } from '../types.js';

/** What the element allows, read fresh for every file. */
export interface AttachmentSettings extends AttachmentRules {
  readonly maxAttachments: number;
}

/** A file waiting to be sent: being prepared, then ready with its content part. */
export interface PendingAttachment {
  readonly id: number;
  readonly name: string;
  /** Bytes of the file as given; once ready, of what will be sent. */
  readonly size: number;
  /** Set once the file is ready to send. */
  readonly part?: ContentPart;
  /** The bytes sent, for an image's thumbnail. */
  readonly blob?: Blob;
}

/** The host: the element, which renders and on which the attachment event is fired. */
export type AttachmentTrayHost = ReactiveControllerHost & HTMLElement;

let nextId = 1;

/** Pending attachments, refusal notes and thumbnails of one chat element. */
export class AttachmentTray implements ReactiveController {
  /** The files waiting to be sent, in the order they were given. */
  pending: readonly PendingAttachment[] = [];
  /** Sentences about files that were not added, until the next files come or the message goes. */
  notes: readonly string[] = [];
  /** A sentence for the chat's live region, said once at the next render. */
  private unsaid = '';
  /** Files are being dragged over the chat. */
  dragging = false;
  /** The sent image shown at full size, if any. */
  viewing?: string;
  private dragDepth = 0;
  /** The bytes of each sent image, kept beside its part, so its thumbnail is an object URL. */
  private readonly sentBlobs = new WeakMap<ContentPart, Blob>();
  /** Object URLs made for thumbnails, by the blob they show; revoked when it leaves. */
  private readonly urls = new Map<Blob, string>();
  private retained?: readonly ChatMessage[];

  constructor(
    private readonly host: AttachmentTrayHost,
    private readonly settings: () => AttachmentSettings,
    private readonly strings: () => AttachmentStrings,
    private readonly kit: Pick<RoomKit, 'AttachmentEvent'>,
  ) {
    host.addController(this);
    for (const type of ['dragenter', 'dragover', 'dragleave', 'drop'] as const) {
      host.addEventListener(type, (event) => this.onDrag(event));
    }
    host.addEventListener('paste', (event) => this.onPaste(event));
  }

  /** Whether a file is still being prepared: the message must wait for it. */
  get preparing(): boolean {
    return this.pending.some((attachment) => !attachment.part);
  }

  /** The content parts of the files ready to send. */
  get parts(): ContentPart[] {
    return this.pending.flatMap((attachment) => (attachment.part ? [attachment.part] : []));
  }

  /**
   * Adds files (each announced by the attachment event, then checked and prepared) and
   * ready-made content parts (an https link from the page's own upload). Past
   * `maxAttachments`, the rest are left out with one note. Resolves once every file is
   * ready or refused.
   */
  async add(items: Iterable<File | ContentPart>): Promise<void> {
    const settings = this.settings();
    const strings = this.strings();
    const given = [...items];
    const room = Math.max(0, settings.maxAttachments - this.pending.length);
    const tooMany = given.length > room ? [strings.tooManyAttachments(settings.maxAttachments, given.length - room)] : [];
    this.notes = tooMany;
    const sentences = await Promise.all(
      given.slice(0, room).map((item) => (item instanceof File ? this.addFile(item, settings, strings) : this.addPart(item, strings))),
    );
    const said = sentences.filter((sentence) => sentence !== undefined);
    this.notes = [...said.filter((sentence) => sentence.refused).map((sentence) => sentence.text), ...tooMany];
    this.say([...said.map((sentence) => sentence.text), ...tooMany].join(' '));
  }

  /** Takes a waiting file out (and its thumbnail's URL). */
  remove(id: number): void {
    const attachment = this.pending.find((candidate) => candidate.id === id);
    if (!attachment) return;
    this.pending = this.pending.filter((candidate) => candidate !== attachment);
    if (attachment.blob) this.revoke(attachment.blob);
    this.host.requestUpdate();
  }

  /**
   * Hands the ready parts to the message being sent and empties the tray. Their thumbnails
   * move with them into the log.
   */
  take(): void {
    for (const { part, blob } of this.pending) if (part && blob) this.sentBlobs.set(part, blob);
    this.pending = [];
    this.notes = [];
    this.host.requestUpdate();
  }

  /** Says `text` once through the chat's live region. */
  say(text: string): void {
    if (!text) return;
    this.unsaid = text;
    this.host.requestUpdate();
  }

  /** Says that the message waits for its files. */
  sayWait(): void {
    this.say(this.strings().waitForAttachments);
  }

  /**
   * Files dragged over the chat (with `accept`) are taken, and the drop target shown: without
   * `preventDefault` the browser would open a dropped file in place of the page.
   */
  private onDrag(event: DragEvent): void {
    const { type, dataTransfer } = event;
    if (!this.settings().accept || !dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    if (type === 'dragenter') this.dragDepth++;
    if (type === 'dragleave') this.dragDepth = Math.max(0, this.dragDepth - 1);
    if (type === 'drop') this.dragDepth = 0;
    const dragging = this.dragDepth > 0;
    if (dragging !== this.dragging) {
      this.dragging = dragging;
      this.host.requestUpdate();
    }
    if (type === 'drop') void this.add(dataTransfer.files);
  }

  /** Pasted files (a screenshot) are attached; pasted text goes into the box as usual. */
  private onPaste(event: ClipboardEvent): void {
    const files = [...(event.clipboardData?.files ?? [])];
    if (!this.settings().accept || !files.length) return;
    event.preventDefault();
    void this.add(files);
  }

  /** Shows a sent image at full size, or closes it (`undefined`). */
  view(url: string | undefined): void {
    this.viewing = url;
    this.host.requestUpdate();
  }

  /**
   * The URL a thumbnail shows: an object URL of the bytes this page prepared, or a data URL
   * of a raster image (a restored conversation); nothing for any other URL, which would be
   * a request to a server the stored or given conversation chose.
   */
  thumbnailOf(part: ContentPart): string | undefined {
    if (part.type !== 'image_url') return undefined;
    const blob = this.sentBlobs.get(part);
    if (blob) return this.urlOf(blob);
    return /^data:image\/(?:png|jpeg|webp|gif);base64,/.test(part.image_url.url) ? part.image_url.url : undefined;
  }

  /** The object URL showing `blob`, made once. */
  urlOf(blob: Blob): string {
    let url = this.urls.get(blob);
    if (!url) {
      url = URL.createObjectURL(blob);
      this.urls.set(blob, url);
    }
    return url;
  }

  /** Revokes the thumbnails of messages no longer in `messages`. */
  retain(messages: readonly ChatMessage[]): void {
    if (messages === this.retained) return;
    this.retained = messages;
    const kept = new Set<Blob>(this.pending.flatMap((attachment) => (attachment.blob ? [attachment.blob] : [])));
    for (const message of messages) {
      if (!Array.isArray(message.content)) continue;
      for (const part of message.content) {
        const blob = this.sentBlobs.get(part);
        if (blob) kept.add(blob);
      }
    }
    for (const blob of this.urls.keys()) if (!kept.has(blob)) this.revoke(blob);
  }

  /** The element left the page: every URL goes; a return makes them anew from the bytes. */
  hostDisconnected(): void {
    for (const blob of [...this.urls.keys()]) this.revoke(blob);
  }

  hostConnected(): void {
    this.host.requestUpdate();
  }

  /**
   * A viewer just rendered opens as a modal dialog (which only script can do). A sentence to
   * say goes into the chat's live region as a fresh node, so an equal one is said again.
   */
  hostUpdated(): void {
    const root = this.host.shadowRoot;
    const dialog = root?.querySelector<HTMLDialogElement>('dialog.viewer');
    if (dialog && !dialog.open) dialog.showModal();
    const announcer = root?.querySelector('[data-announcer]');
    if (!this.unsaid || !announcer) return;
    const line = document.createElement('p');
    line.textContent = this.unsaid;
    announcer.replaceChildren(line);
    this.unsaid = '';
  }

  private revoke(blob: Blob): void {
    const url = this.urls.get(blob);
    if (url) URL.revokeObjectURL(url);
    this.urls.delete(blob);
  }

  /** Fires the attachment event, then prepares the file under a placeholder chip. */
  private async addFile(file: File, rules: AttachmentRules, strings: AttachmentStrings): Promise<Sentence | undefined> {
    if (!this.host.dispatchEvent(new this.kit.AttachmentEvent({ file }))) return undefined;
    const name = safeFileName(file.name, 'file');
    const placeholder: PendingAttachment = { id: nextId++, name, size: file.size };
    this.pending = [...this.pending, placeholder];
    this.host.requestUpdate();
    const preparation = await prepareFile(file, rules).catch(() => ({ ok: false as const, problem: { reason: 'unreadable' as const } }));
    const stillWanted = this.pending.includes(placeholder);
    if (!preparation.ok) {
      this.pending = this.pending.filter((attachment) => attachment !== placeholder);
      return stillWanted ? { text: strings.attachmentRefused(name, preparation.problem), refused: true } : undefined;
    }
    if (!stillWanted) return undefined;
    const { part, blob } = preparation.attachment;
    const ready: PendingAttachment = { ...placeholder, size: blob.size, part, blob };
    this.pending = this.pending.map((attachment) => (attachment === placeholder ? ready : attachment));
    return { text: strings.attachmentAdded(name), refused: false };
  }

  /** A content part the page made (an upload's https link): added as it is, if it is one. */
  private addPart(part: ContentPart, strings: AttachmentStrings): Sentence {
    // Checked before it is named: naming reads fields a malformed part lacks.
    if (!isContentPart(part) || part.type === 'text') {
      const given = String((part as { type?: unknown } | null)?.type ?? 'attachment');
      return { text: strings.attachmentRefused(safeFileName(given, 'attachment'), { reason: 'unsupported' }), refused: true };
    }
    const name = partName(part, strings);
    this.pending = [...this.pending, { id: nextId++, name, size: 0, part }];
    return { text: strings.attachmentAdded(name), refused: false };
  }
}

interface Sentence {
  readonly text: string;
  readonly refused: boolean;
}

/** What a part is called on its chip: a file's name, an image link's last path segment. */
export function partName(part: ContentPart, strings: AttachmentStrings): string {
  if (part?.type === 'file') return safeFileName(part.file.filename, 'file');
  if (part?.type === 'input_audio') return strings.audioAttachment(part.input_audio.format);
  if (part?.type === 'image_url' && part.image_url.url.startsWith('https:')) {
    try {
      const last = new URL(part.image_url.url).pathname.split('/').pop() ?? '';
      return safeFileName(decodeURIComponent(last), strings.imageAttachment);
    } catch {
      // A link that does not parse or decode is still an image.
    }
  }
  return strings.imageAttachment;
}
