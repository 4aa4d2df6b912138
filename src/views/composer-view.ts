/**
 * The template of the composer under the conversation: the message box, the send button
 * (or, while an answer streams, the stop button) and, while the last message is being
 * edited, a note saying so with a way out. With attachments, their button sits before the
 * box and the waiting files above it.
 *
 * @module
 */
import { html, nothing } from 'lit';
import { sendIcon, stopIcon } from './icons.js';
import type { CoreChatStrings } from '../strings.js';

/** What the composer needs from the chat around it. */
export interface ComposerContext {
  readonly strings: CoreChatStrings;
  /** An answer is streaming: stop replaces send. */
  readonly streaming: boolean;
  /** The last user message is in the box, being edited. */
  readonly editing: boolean;
  readonly onSubmit: (event: SubmitEvent) => void;
  readonly onStop: (event: MouseEvent) => void;
  readonly onCancelEdit: () => void;
  /** The attach button, when attachments are on. */
  readonly attachButton?: unknown;
  /** Above the box: the files waiting to be sent, and notes on refused ones. */
  readonly pending?: unknown;
}

/** The form: the editing note, then the box and its button. */
export function renderComposer({ strings, streaming, editing, onSubmit, onStop, onCancelEdit, attachButton, pending }: ComposerContext) {
  return html`<form class="composer" @submit=${onSubmit}>
    ${editing
      ? html`<div class="editing-note">
          <span>${strings.editing}</span>
          <button class="text-button" type="button" @click=${onCancelEdit}>${strings.cancelEdit}</button>
        </div>`
      : nothing}
    ${pending ?? nothing}
    <div class="composer-row">
      ${attachButton ?? nothing}
      <textarea part="input" aria-label=${strings.inputLabel} placeholder=${strings.inputPlaceholder} rows="2"></textarea>
      ${streaming
        ? html`<button part="stop-button" class="round-button stop" type="button" aria-label=${strings.stop} title=${strings.stop} @click=${onStop}>
            ${stopIcon}
          </button>`
        : html`<button part="send-button" class="round-button send" type="submit" aria-label=${strings.send} title=${strings.send}>
            ${sendIcon}
          </button>`}
    </div>
  </form>`;
}
