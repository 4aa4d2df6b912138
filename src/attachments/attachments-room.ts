/**
 * The attachments room as the element loads it, on demand: a file of its own in every build
 * (`dist/openrouter-chat-attachments.js`), importing nothing, given the element's Lit.
 *
 * @module
 */
import { withAttachmentStrings } from './attachment-strings.js';
import { AttachmentTray } from './attachment-tray.js';
import { attachmentViews } from './attachments-view.js';
import { attachmentStyles } from './attachments.styles.js';
import type { RoomKit } from '../rooms/room-kit.js';

export type { AttachmentSettings } from './attachment-tray.js';
export type { RoomKit } from '../rooms/room-kit.js';

/** The room, made with the element's kit: its tray controller, its templates and its styles. */
export function attachmentsRoom(kit: RoomKit) {
  return { AttachmentTray, ...attachmentViews(kit), styles: attachmentStyles(kit), kit, strings: withAttachmentStrings };
}

/** What {@link attachmentsRoom} gives the element. */
export type AttachmentsRoom = ReturnType<typeof attachmentsRoom>;
