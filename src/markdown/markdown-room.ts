/**
 * The markdown room as the page loads it, on demand: a file of its own in every build
 * (`dist/openrouter-chat-markdown.js`) holding streaming-markdown, our safe renderer, the code
 * blocks' copy buttons, the spoken text of an answer and the answers' stylesheet. It imports
 * nothing and is made once per page with the element's `css` (`markdown-loader.ts`). Most
 * visitors of a page with a chat launcher never open it, so they never download or parse a
 * markdown parser; until the room is there, an answer shows as plain text (`markdown.ts`).
 *
 * @module
 */
import type { css } from 'lit';
import { DEFAULT_COPY_BUTTON_STRINGS } from './copy-button.js';
import type { MarkdownOptions } from './markdown.js';
import { MarkdownStream } from './markdown-stream.js';
import { markdownStyles } from './markdown.styles.js';
import { spokenText } from './spoken-text.js';

/**
 * Renders `text` into `stream` when `stream` can go on writing it (the text extends what it
 * wrote, with the same options), else into a new stream, which parses the text once, whole.
 * @returns the stream that holds the answer now: the caller keeps it for the next update.
 */
function writeAnswer(stream: MarkdownStream | undefined, text: string, options: MarkdownOptions): MarkdownStream {
  const complete = options.complete ?? true;
  const streamOptions = {
    allowImages: options.allowImages ?? false,
    strings: { ...DEFAULT_COPY_BUTTON_STRINGS, ...options.strings },
    math: options.math,
    onMath: options.onMath,
    highlighter: options.highlighter,
  };
  const writing = stream?.continues(text, complete, streamOptions) ? stream : new MarkdownStream(streamOptions);
  writing.write(text, complete);
  return writing;
}

/** The room, made with the element's `css`: the answers' renderer, their spoken text and styles. */
export function markdownRoom(kit: { readonly css: typeof css }) {
  return { styles: markdownStyles(kit), writeAnswer, spokenText };
}

/** What {@link markdownRoom} gives the page. */
export type MarkdownRoom = ReturnType<typeof markdownRoom>;
