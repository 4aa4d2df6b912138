/**
 * The template of the chat's frame: the panel and, with `variant="launcher"`, the floating
 * button that opens and closes it (the panel then being a dialog, hidden while closed).
 *
 * @module
 */
import { html, nothing, type TemplateResult } from 'lit';
import { chatIcon, closeIcon } from './icons.js';
import type { CoreChatStrings } from '../strings.js';

/** What the frame needs from the chat around it. */
export interface LauncherContext {
  readonly strings: CoreChatStrings;
  /** `variant="launcher"`: a button, and the panel as a dialog it opens. */
  readonly launcher: boolean;
  /** The launcher's panel is open. */
  readonly open: boolean;
  readonly onToggle: () => void;
}

/** The launcher button (with the launcher variant), then the panel holding `content`. */
export function renderLauncher({ strings, launcher, open, onToggle }: LauncherContext, content: TemplateResult) {
  return html`
    ${launcher
      ? html`<button
          part="launcher-button"
          class="round-button launcher-button"
          type="button"
          aria-expanded=${open ? 'true' : 'false'}
          aria-controls="panel"
          aria-label=${open ? strings.closeChat : strings.openChat}
          title=${open ? strings.closeChat : strings.openChat}
          @click=${onToggle}
        >
          ${open ? closeIcon : chatIcon}
        </button>`
      : nothing}
    <div
      part="panel"
      id="panel"
      class="panel"
      role=${launcher ? 'dialog' : nothing}
      aria-label=${launcher ? strings.conversation : nothing}
      ?hidden=${launcher && !open}
    >
      ${content}
    </div>
  `;
}
