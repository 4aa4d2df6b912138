/**
 * The markdown room (`markdown-room.ts`), one per page: loaded by the first element that has
 * answers to show, an answer coming or an idle moment while open, and from then on at hand
 * synchronously for every render of every element, so no later answer shows as plain text
 * first. Should the file not load, the promise stays rejected and answers stay plain text.
 *
 * @module
 */
import { css } from 'lit';
import type { MarkdownRoom } from './markdown-room.js';

let room: MarkdownRoom | undefined;
let loading: Promise<MarkdownRoom> | undefined;

/** The room, once this page has it; `undefined` before (and for good if it failed to load). */
export function loadedMarkdownRoom(): MarkdownRoom | undefined {
  return room;
}

/** Loads the room, once per page: every call returns the same promise. */
export function loadMarkdownRoom(): Promise<MarkdownRoom> {
  // Every build points this import at the room's own file (vite.config.ts, ROOMS).
  loading ??= import('./markdown-room.js').then((module) => (room = module.markdownRoom({ css })));
  return loading;
}
