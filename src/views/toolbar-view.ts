/**
 * The template of the toolbar above the conversation: the model picker (with `models`; the
 * catalog room's, with its notes, once the endpoint's catalog is in) and the clear button
 * (with messages). Nothing at all when it would be empty.
 *
 * @module
 */
import { html, nothing } from 'lit';
import { clearIcon } from './icons.js';
import type { CoreChatStrings } from '../strings.js';

/** What the toolbar needs from the chat around it. */
export interface ToolbarContext {
  readonly strings: CoreChatStrings;
  /** The model ids to offer; none hides the picker. */
  readonly models: readonly string[];
  /** The chosen model, if any. */
  readonly model: string | undefined;
  /** The conversation has messages, so there is something to clear. */
  readonly hasMessages: boolean;
  /** The catalog's picker (names, prices, badges), in place of the plain one, once it loaded. */
  readonly picker?: unknown;
  readonly onModelChange: (event: Event) => void;
  readonly onClear: () => void;
}

/** The row with the model picker and the clear button. */
export function renderToolbar(context: ToolbarContext) {
  const { strings, models, hasMessages } = context;
  if (!models.length && !hasMessages && !context.picker) return nothing;
  return html`<div part="toolbar" class="toolbar">
    ${context.picker ?? (models.length ? renderModelPicker(context) : nothing)}
    ${hasMessages
      ? html`<button part="clear-button" class="icon-button clear" type="button" aria-label=${strings.clear} title=${strings.clear} @click=${context.onClear}>
          ${clearIcon}
        </button>`
      : nothing}
  </div>`;
}

/** The current model is always a choice, even when the list does not name it, so the picker never lies. */
function renderModelPicker({ strings, models, model, onModelChange }: ToolbarContext) {
  const current = model ?? '';
  const choices = models.includes(current) ? models : [current, ...models];
  return html`<select part="model-picker" class="model-picker" aria-label=${strings.modelLabel} @change=${onModelChange}>
    ${choices.map((id) => html`<option value=${id} ?selected=${id === current}>${id || strings.defaultModel}</option>`)}
  </select>`;
}
