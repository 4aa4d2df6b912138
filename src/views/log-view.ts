/**
 * The log's messages, in chunks of {@link CHUNK} by position, so a long conversation costs a
 * frame of a streaming answer about what a short one does (long-conversation benchmark):
 *
 * - Layout walks the log's chunks and the last chunk's messages, not every message: a chunk
 *   whose messages did not change keeps its layout.
 * - A chunk out of view is skipped by style, layout and paint (`content-visibility: auto`,
 *   styled by the element) and keeps the size it last had.
 * - Lit skips a chunk, and in the last chunk a message, whose entries and context are the ones
 *   it last rendered (`guard`), so a delta re-renders the streaming answer alone. The chat keeps
 *   an unchanged message's entry object from render to render (`ChatController.entries`).
 *
 * Messages are only ever added or dropped at the end (send, regenerate, edit), so each stays
 * in its chunk, and its DOM with it, for its whole life.
 *
 * @module
 */
import { html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatEntry } from '../chat/chat-controller.js';
import { renderEntry, type EntryContext } from './entry-view.js';

/** Messages per chunk: the log's layout walks about conversation / CHUNK + CHUNK of them a frame. */
const CHUNK = 16;

/**
 * Every message of the log, chunk by chunk, in one box (whose size changes tell the log's
 * scrolling that the messages grew). A chunk renders again when one of its entries,
 * or any value of the context, or of `renderAgainOn` changed; the context's callbacks count by
 * their presence only (each render makes new ones that do the same). `renderAgainOn` names what
 * changes every message's DOM without changing the messages (the element's return to the page,
 * the markdown room's arrival).
 */
export function renderEntries(entries: readonly ChatEntry[], context: EntryContext, renderAgainOn: readonly unknown[]) {
  const shared = [...renderAgainOn, ...Object.values(context).map((value) => typeof value === 'function' || value)];
  const chunks = [];
  for (let start = 0; start < entries.length; start += CHUNK) {
    const chunk = entries.slice(start, start + CHUNK);
    chunks.push(
      html`<div class="chunk">
        ${guard([...shared, ...chunk], () => repeat(chunk, (entry) => entry.key, (entry) => guard([...shared, entry], () => renderEntry(entry, context))))}
      </div>`,
    );
  }
  return entries.length ? html`<div class="messages">${chunks}</div>` : nothing;
}
