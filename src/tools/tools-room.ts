/**
 * The tools room as the element loads it, on demand: a file of its own in every build
 * (`dist/openrouter-chat-tools.js`), importing nothing, given the element's Lit. It holds
 * the tool loop of an answer (collect the calls, run them, send the results) and what a
 * chat shows of tools and sources.
 *
 * @module
 */
import { createToolLoop } from './tool-loop.js';
import { withToolStrings } from './tool-strings.js';
import { toolViews } from './tools-view.js';
import { toolStyles } from './tools.styles.js';
import type { RoomKit } from '../rooms/room-kit.js';
import type { ToolLoopHost } from '../chat/tool-loop-host.js';

/** The room, made with the element's kit: its templates, its styles and its strings' defaults. */
export function toolsRoom(kit: RoomKit) {
  return {
    ...toolViews(kit),
    styles: toolStyles(kit),
    strings: withToolStrings,
    createToolLoop: (host: ToolLoopHost) => createToolLoop(host, kit),
  };
}

/** What {@link toolsRoom} gives the element. */
export type ToolsRoom = ReturnType<typeof toolsRoom>;
