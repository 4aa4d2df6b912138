import { css } from 'lit';

/**
 * Public `--openrouter-chat-*` properties are only ever read, through private `--_*` ones
 * declared here: declaring a public one on `:host` would beat the page's own value.
 * `light-dark()` picks the default for the user's colour scheme, which the `theme` attribute
 * or `--openrouter-chat-color-scheme` can pin to `light` or `dark`.
 *
 * Layout uses logical properties only (inline/block, start/end), so `dir="rtl"` mirrors it.
 */
export const styles = css`
  :host {
    --_accent: var(--openrouter-chat-accent, light-dark(#4f46e5, #818cf8));
    --_accent-text: var(--openrouter-chat-accent-text, light-dark(#ffffff, #111827));
    --_background: var(--openrouter-chat-background, light-dark(#ffffff, #111827));
    --_text: var(--openrouter-chat-text, light-dark(#111827, #f3f4f6));
    --_muted: var(--openrouter-chat-muted, light-dark(#4b5563, #9ca3af));
    --_border: var(--openrouter-chat-border, light-dark(#e5e7eb, #374151));
    --_user-background: var(--openrouter-chat-user-background, var(--_accent));
    --_user-text: var(--openrouter-chat-user-text, var(--_accent-text));
    --_assistant-background: var(--openrouter-chat-assistant-background, light-dark(#f3f4f6, #1f2937));
    --_error: var(--openrouter-chat-error, light-dark(#b91c1c, #fca5a5));
    --_error-background: var(--openrouter-chat-error-background, light-dark(#fef2f2, #450a0a));
    --_radius: var(--openrouter-chat-radius, 12px);
    --_font: var(--openrouter-chat-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--openrouter-chat-font-size, 15px);
    --_space: var(--openrouter-chat-spacing, 1rem);
    --_height: var(--openrouter-chat-height, 32rem);
    --_width: var(--openrouter-chat-width, 24rem);
    --_z-index: var(--openrouter-chat-z-index, 1000);

    color-scheme: var(--openrouter-chat-color-scheme, light dark);
    display: block;
    block-size: var(--_height);
    min-inline-size: 0;
    color: var(--_text);
    font: var(--_font-size) / 1.5 var(--_font);
  }

  :host([theme='light']) {
    color-scheme: light;
  }

  :host([theme='dark']) {
    color-scheme: dark;
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  .panel {
    display: flex;
    flex-direction: column;
    block-size: 100%;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_background);
    overflow: hidden;
  }

  .panel[hidden] {
    display: none;
  }

  /* Launcher: a floating button at the end corner; the panel opens above it. */
  :host([variant='launcher']) {
    position: fixed;
    inset-block-end: calc(var(--_space) * 1.25);
    inset-inline-end: calc(var(--_space) * 1.25);
    z-index: var(--_z-index);
    block-size: auto;
  }

  :host([variant='launcher']) .panel {
    position: absolute;
    inset-block-end: calc(100% + var(--_space) * 0.75);
    inset-inline-end: 0;
    inline-size: min(var(--_width), calc(100vw - var(--_space) * 2.5));
    block-size: min(var(--_height), calc(100vh - 7rem));
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.18);
  }

  .round-button.launcher-button {
    inline-size: 3.5rem;
    block-size: 3.5rem;
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.2);
  }

  .round-button.launcher-button .icon {
    inline-size: 1.6rem;
    block-size: 1.6rem;
  }

  .toolbar {
    display: flex;
    align-items: center;
    justify-content: flex-end;
    gap: calc(var(--_space) * 0.5);
    padding: calc(var(--_space) * 0.5) calc(var(--_space) * 0.75);
    border-block-end: 1px solid var(--_border);
  }

  /* The two form fields share their look. */
  textarea,
  .model-picker {
    min-inline-size: 0;
    border: 1px solid var(--_border);
    background: var(--_background);
    color: var(--_text);
    font: inherit;
  }

  .model-picker {
    max-inline-size: 100%;
    margin-inline-end: auto;
    padding: 0.3rem 0.5rem;
    border-radius: calc(var(--_radius) * 0.6);
    font-size: 0.875em;
    text-overflow: ellipsis;
  }

  .log-frame {
    position: relative;
    flex: 1;
    min-block-size: 0;
    display: flex;
    flex-direction: column;
  }

  .log {
    flex: 1;
    overflow-y: auto;
    overscroll-behavior: contain;
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.75);
    padding: var(--_space);
  }

  /*
   * The messages sit in chunks (views/log-view.ts), in a plain block box: block layout walks
   * a clean chunk faster than flex layout does. A chunk out of view is skipped by style,
   * layout and paint and keeps the size it last had; the estimate only stands in for a chunk
   * never shown (a restored conversation) until it comes near the view. Paint containment
   * clips a chunk to its padding box: the padding, taken back by the margins, keeps focus
   * rings whole, and two chunks' margins collapse to the log's gap between their messages.
   */
  .chunk {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.75);
    margin: -4px;
    padding: 4px;
    content-visibility: auto;
    contain-intrinsic-block-size: auto 200em;
  }

  .chunk + .chunk {
    margin-block-start: calc(var(--_space) * 0.75 - 4px);
  }

  .log:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: -2px;
  }

  .empty {
    display: block;
    margin: auto;
    color: var(--_muted);
    text-align: center;
  }

  .entry {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    max-inline-size: min(85%, 48rem);
  }

  .entry.user {
    align-self: flex-end;
    align-items: flex-end;
  }

  .entry.assistant {
    align-self: flex-start;
    align-items: flex-start;
  }

  .message {
    max-inline-size: 100%;
    padding: calc(var(--_space) * 0.5) calc(var(--_space) * 0.8);
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }

  .message.user {
    background: var(--_user-background);
    color: var(--_user-text);
    border-end-end-radius: calc(var(--_radius) * 0.3);
  }

  /* An answer before the markdown room arrives (markdown.ts) shows as the text it is. */
  .message.user .content,
  .plain-answer {
    white-space: pre-wrap;
  }

  .message.assistant {
    background: var(--_assistant-background);
    border-end-start-radius: calc(var(--_radius) * 0.3);
  }

  .interrupted-note {
    display: block;
    margin-block-start: 0.25rem;
    color: var(--_muted);
    font-size: 0.85em;
    font-style: italic;
  }

  .no-answer-note {
    color: var(--_muted);
    font-style: italic;
  }

  .thinking {
    max-inline-size: 100%;
    color: var(--_muted);
    font-size: 0.9em;
  }

  .thinking summary {
    cursor: pointer;
    inline-size: fit-content;
    border-radius: 0.25rem;
  }

  .thinking-text {
    margin-block-start: 0.25rem;
    padding-inline-start: calc(var(--_space) * 0.75);
    border-inline-start: 2px solid var(--_border);
    white-space: pre-wrap;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.125rem;
    color: var(--_muted);
    font-size: 0.8em;
  }

  .usage {
    margin-inline-start: 0.375rem;
  }

  .icon-button {
    display: inline-grid;
    place-items: center;
    inline-size: 1.9rem;
    block-size: 1.9rem;
    padding: 0;
    border: none;
    border-radius: calc(var(--_radius) * 0.5);
    background: transparent;
    color: var(--_muted);
    cursor: pointer;
  }

  .icon-button:hover {
    background: var(--_assistant-background);
    color: var(--_text);
  }

  .icon-button .icon {
    inline-size: 1.05rem;
    block-size: 1.05rem;
  }

  /* Pill-shaped text buttons: retry, cancel-edit and "jump to latest". */
  .retry,
  .text-button,
  .jump-button {
    padding: 0.2rem 0.7rem;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_background);
    color: var(--_text);
    font: inherit;
    font-size: 0.85rem;
    cursor: pointer;
  }

  .retry:hover,
  .text-button:hover {
    border-color: var(--_accent);
  }

  .jump-button {
    position: absolute;
    inset-block-end: calc(var(--_space) * 0.75);
    inset-inline-start: 50%;
    translate: -50% 0;
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    padding: 0.35rem 0.85rem 0.35rem 0.6rem;
    box-shadow: 0 4px 14px rgb(0 0 0 / 0.12);
  }

  :host(:dir(rtl)) .jump-button {
    translate: 50% 0;
  }

  .jump-button .icon {
    inline-size: 1rem;
    block-size: 1rem;
  }

  .indicator {
    display: inline-flex;
    gap: 0.25rem;
    padding-block: 0.4rem;
  }

  .indicator .dot {
    inline-size: 0.45rem;
    block-size: 0.45rem;
    border-radius: 50%;
    background: var(--_muted);
    animation: pulse 1.2s infinite ease-in-out both;
  }

  .indicator .dot:nth-child(2) {
    animation-delay: 0.2s;
  }

  .indicator .dot:nth-child(3) {
    animation-delay: 0.4s;
  }

  @keyframes pulse {
    0%, 80%, 100% { opacity: 0.25; }
    40% { opacity: 1; }
  }

  @media (prefers-reduced-motion: reduce) {
    .indicator .dot {
      animation: none;
      opacity: 0.6;
    }
  }

  .error-row {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
    margin-inline: var(--_space);
  }

  .error-row:has(.error:not(:empty)) {
    margin-block-end: calc(var(--_space) * 0.5);
    padding: calc(var(--_space) * 0.5) calc(var(--_space) * 0.8);
    border-radius: var(--_radius);
    background: var(--_error-background);
  }

  .error {
    flex: 1;
    color: var(--_error);
  }

  .composer {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.5);
    padding: calc(var(--_space) * 0.75);
    border-block-start: 1px solid var(--_border);
  }

  .editing-note {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: calc(var(--_space) * 0.5);
    color: var(--_muted);
    font-size: 0.85em;
  }

  .composer-row {
    display: flex;
    align-items: flex-end;
    gap: calc(var(--_space) * 0.5);
  }

  textarea {
    flex: 1;
    resize: none;
    padding: 0.55rem 0.75rem;
    border-radius: calc(var(--_radius) * 0.75);
  }

  textarea::placeholder {
    color: var(--_muted);
  }

  textarea:focus-visible,
  button:focus-visible,
  select:focus-visible,
  summary:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }

  .round-button {
    display: grid;
    place-items: center;
    flex: none;
    inline-size: 2.6rem;
    block-size: 2.6rem;
    padding: 0;
    border: 1px solid var(--_accent);
    border-radius: 50%;
    background: var(--_accent);
    color: var(--_accent-text);
    cursor: pointer;
  }

  .round-button.stop {
    background: var(--_background);
    color: var(--_text);
    border-color: var(--_border);
  }

  .round-button .icon {
    inline-size: 1.2rem;
    block-size: 1.2rem;
  }

  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
