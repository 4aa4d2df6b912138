import { css } from 'lit';

/**
 * Public `--openrouter-chat-*` properties are only ever read, through private `--_*` ones
 * declared here: declaring a public one on `:host` would beat the page's own value.
 * `light-dark()` picks the default for the user's colour scheme, which
 * `--openrouter-chat-color-scheme` can pin to `light` or `dark`.
 */
export const styles = css`
  :host {
    --_accent: var(--openrouter-chat-accent, light-dark(#4f46e5, #818cf8));
    --_accent-text: var(--openrouter-chat-accent-text, light-dark(#ffffff, #111827));
    --_background: var(--openrouter-chat-background, light-dark(#ffffff, #111827));
    --_text: var(--openrouter-chat-text, light-dark(#111827, #f3f4f6));
    --_muted: var(--openrouter-chat-muted, light-dark(#6b7280, #9ca3af));
    --_border: var(--openrouter-chat-border, light-dark(#e5e7eb, #374151));
    --_assistant-background: var(--openrouter-chat-assistant-background, light-dark(#f3f4f6, #1f2937));
    --_error: var(--openrouter-chat-error, light-dark(#b91c1c, #fca5a5));
    --_error-background: var(--openrouter-chat-error-background, light-dark(#fef2f2, #450a0a));
    --_radius: var(--openrouter-chat-radius, 12px);
    --_font: var(--openrouter-chat-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_height: var(--openrouter-chat-height, 32rem);

    color-scheme: var(--openrouter-chat-color-scheme, light dark);
    display: flex;
    flex-direction: column;
    block-size: var(--_height);
    box-sizing: border-box;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_background);
    color: var(--_text);
    font: 15px/1.5 var(--_font);
    overflow: hidden;
  }

  :host([hidden]) {
    display: none;
  }

  .log {
    flex: 1;
    overflow-y: auto;
    display: flex;
    flex-direction: column;
    gap: 0.75rem;
    padding: 1rem;
  }

  .empty {
    margin: auto;
    color: var(--_muted);
    text-align: center;
  }

  .message {
    max-inline-size: 85%;
    padding: 0.5rem 0.8rem;
    border-radius: var(--_radius);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }

  .message.user {
    align-self: flex-end;
    background: var(--_accent);
    color: var(--_accent-text);
  }

  .message.assistant {
    align-self: flex-start;
    background: var(--_assistant-background);
  }

  .interrupted-note {
    display: block;
    margin-block-start: 0.25rem;
    color: var(--_muted);
    font-size: 0.85em;
    font-style: italic;
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
    }
  }

  .error:not(:empty) {
    margin: 0 1rem 0.5rem;
    padding: 0.5rem 0.8rem;
    border-radius: var(--_radius);
    background: var(--_error-background);
    color: var(--_error);
  }

  .composer {
    display: flex;
    gap: 0.5rem;
    padding: 0.75rem;
    border-block-start: 1px solid var(--_border);
  }

  textarea {
    flex: 1;
    resize: none;
    padding: 0.5rem 0.7rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_background);
    color: var(--_text);
    font: inherit;
  }

  textarea:focus-visible,
  button:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }

  button {
    padding: 0.5rem 1rem;
    border: 1px solid var(--_accent);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_accent);
    color: var(--_accent-text);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }

  button.stop {
    background: transparent;
    color: var(--_text);
    border-color: var(--_border);
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
