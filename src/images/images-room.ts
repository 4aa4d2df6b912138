/**
 * The generated images' room as the element loads it, on demand: a file of its own in every
 * build (`dist/openrouter-chat-images.js`), importing nothing, given the element's Lit.
 * Loaded once `image-output` is set or an answer carries images: the URL check, the view and
 * its styles and strings.
 *
 * @module
 */
import { withImageStrings } from './image-strings.js';
import { imageViews } from './images-view.js';
import { imageStyles } from './images.styles.js';
import type { RoomKit } from '../rooms/room-kit.js';

/** The room, made with the element's kit: its template, its styles and its strings' defaults. */
export function imagesRoom(kit: RoomKit) {
  return { ...imageViews(kit), styles: imageStyles(kit), strings: withImageStrings };
}

/** What {@link imagesRoom} gives the element. */
export type ImagesRoom = ReturnType<typeof imagesRoom>;
