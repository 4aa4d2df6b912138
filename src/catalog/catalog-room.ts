/**
 * The model catalog room as the element loads it, on demand: a file of its own in every
 * build (`dist/openrouter-chat-catalog.js`), importing nothing, given the element's Lit. It
 * asks the endpoint for its catalog (once per page and endpoint), and holds the picker with
 * names, prices and badges, the attachment gate, the context fit and the running cost.
 *
 * @module
 */
import type { RoomKit } from '../rooms/room-kit.js';
import { CatalogChat, type PickerRequest } from './catalog-chat.js';
import { withCatalogStrings, type CatalogStrings } from './catalog-strings.js';
import { catalogStyles } from './catalog.styles.js';
import { pickerViews } from './model-picker-view.js';

/** The room, made with the element's kit. */
export function catalogRoom(kit: RoomKit) {
  const { renderPicker } = pickerViews(kit);
  return {
    styles: catalogStyles(kit),
    strings: withCatalogStrings,
    CatalogChat,
    /** The catalog's picker for a chat, or `undefined` while there is none to show. */
    renderPicker(chat: CatalogChat, request: Omit<PickerRequest, 'strings'> & { strings: Partial<CatalogStrings> & { modelLabel: string; defaultModel: string } }) {
      const context = chat.pickerContext({ ...request, strings: withCatalogStrings(request.strings) });
      return context && renderPicker(chat.picker, context);
    },
  };
}

/** What {@link catalogRoom} gives the element. */
export type CatalogRoom = ReturnType<typeof catalogRoom>;
