/**
 * The templates of the attachments: the attach button and its file input, the chips of the
 * files waiting to be sent with the notes on refused ones, the drop target, a sent message's
 * thumbnails and file chips, and the full-size image viewer. Every name shown is a text
 * binding: a file called `<img src=x onerror=alert(1)>` is those characters, nothing more.
 *
 * @module
 */
import { partName, type AttachmentTray, type PendingAttachment } from './attachment-tray.js';
import { isContentPart } from './content-part-shape.js';
import type { RoomKit } from '../rooms/room-kit.js';
import type { AttachmentStrings } from './attachment-strings.js';
import type { ContentPart } from '../types.js';

/** The attachments' templates, made with the element's own Lit (see `RoomKit`). */
export function attachmentViews({ html, svg, nothing, icon, closeIcon }: RoomKit) {
  const paperclipIcon = icon(svg`<path d="m21 11-8.5 8.5a5 5 0 0 1-7-7L14 4a3.5 3.5 0 0 1 5 5l-8.5 8.5a2 2 0 0 1-3-3L15 7" />`);
  const fileIcon = icon(svg`<path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" /><path d="M14 3v5h5" />`);

  /** The attach button, which opens the hidden file picker. */
  function renderAttachButton(tray: AttachmentTray, strings: AttachmentStrings, accept: string) {
    const pick = (event: Event) => {
      const input = event.target as HTMLInputElement;
      const files = [...(input.files ?? [])];
      // Emptied, so picking the same file again fires `change` again.
      input.value = '';
      void tray.add(files);
    };
    const open = (event: Event) => ((event.currentTarget as HTMLElement).nextElementSibling as HTMLInputElement).click();
    return html`<button part="attach-button" class="round-button attach" type="button" aria-label=${strings.attach} title=${strings.attach} @click=${open}>
        ${paperclipIcon}</button
      ><input class="file-input" type="file" multiple accept=${accept} tabindex="-1" aria-hidden="true" @change=${pick} />`;
  }

  /** Above the box: the waiting files as chips, and the notes on refused ones. */
  function renderPending(tray: AttachmentTray, strings: AttachmentStrings) {
    const { pending, notes } = tray;
    return html`${pending.length
        ? html`<ul class="attachments" aria-label=${strings.attachments}>
            ${pending.map((attachment) => renderChip(tray, attachment, strings))}
          </ul>`
        : nothing}
      ${notes.length ? html`<ul class="attachment-notes">${notes.map((note) => html`<li part="attachment-note">${note}</li>`)}</ul>` : nothing}`;
  }

  function renderChip(tray: AttachmentTray, attachment: PendingAttachment, strings: AttachmentStrings) {
    const { blob, part, name } = attachment;
    const preview = blob && part?.type === 'image_url' ? html`<img class="chip-thumbnail" src=${tray.urlOf(blob)} alt="" />` : fileIcon;
    return html`<li part="attachment" class="chip" aria-busy=${part ? 'false' : 'true'}>
      ${preview}
      <span class="chip-text">
        <span class="chip-name">${name}</span>
        <span class="chip-size">${part ? (attachment.size ? strings.fileSize(attachment.size) : '') : strings.preparingAttachment}</span>
      </span>
      <button part="attachment-remove" class="icon-button" type="button" aria-label=${strings.removeAttachment(name)} title=${strings.removeAttachment(name)} @click=${() => tray.remove(attachment.id)}>
        ${closeIcon}
      </button>
    </li>`;
  }

  /** Over the conversation while files are dragged onto the chat. */
  function renderDropTarget(tray: AttachmentTray, strings: AttachmentStrings) {
    return tray.dragging ? html`<div part="drop-target" class="drop-target">${paperclipIcon}<span>${strings.dropFiles}</span></div>` : nothing;
  }

  /** A sent message's attachments: images as thumbnails that open full size, files as chips. */
  function renderMessageAttachments(tray: AttachmentTray, parts: readonly ContentPart[], strings: AttachmentStrings) {
    const shown = parts.filter(isContentPart);
    return html`<div class="message-attachments">${shown.map((part) => renderSentPart(tray, part, strings))}</div>`;
  }

  function renderSentPart(tray: AttachmentTray, part: ContentPart, strings: AttachmentStrings) {
    const thumbnail = tray.thumbnailOf(part);
    if (thumbnail) {
      return html`<button part="message-attachment" class="thumbnail" type="button" aria-label=${strings.openImage} @click=${() => tray.view(thumbnail)}>
        <img src=${thumbnail} alt="" />
      </button>`;
    }
    const size = sentSize(part);
    return html`<span part="message-attachment" class="chip sent">
      ${fileIcon}<span class="chip-text"><span class="chip-name">${partName(part, strings)}</span>${size ? html`<span class="chip-size">${strings.fileSize(size)}</span>` : nothing}</span>
    </span>`;
  }

  /**
   * The full-size image, in a modal dialog: Esc, the close button or a click beside it closes
   * it, and the browser gives focus back to the thumbnail that opened it.
   */
  function renderViewer(tray: AttachmentTray, strings: AttachmentStrings) {
    if (!tray.viewing) return nothing;
    const close = (event: Event) => (event.currentTarget as Element).closest('dialog')?.close();
    const onKeydown = (event: KeyboardEvent) => {
      // Handled here, so the chat's own Esc (stop the answer) does not also act on it.
      if (event.key !== 'Escape') return;
      event.preventDefault();
      close(event);
    };
    return html`<dialog part="image-viewer" class="viewer" aria-label=${strings.imageAttachment} @keydown=${onKeydown}
      @close=${() => tray.view(undefined)} @click=${(event: MouseEvent) => event.target === event.currentTarget && close(event)}>
      <img src=${tray.viewing} alt=${strings.imageAttachment} />
      <button class="icon-button viewer-close" type="button" aria-label=${strings.closeImage} title=${strings.closeImage} @click=${close}>${closeIcon}</button>
    </dialog>`;
  }

  return { renderAttachButton, renderPending, renderDropTarget, renderMessageAttachments, renderViewer };
}

/** Bytes of a part's base64 payload (nothing for a link). */
function sentSize(part: ContentPart): number {
  const data = part.type === 'file' ? part.file.file_data : part.type === 'input_audio' ? part.input_audio.data : '';
  if (data.startsWith('https:')) return 0;
  return Math.floor(((data.length - data.indexOf(',') - 1) * 3) / 4);
}
