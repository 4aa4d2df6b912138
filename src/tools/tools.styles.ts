import type { RoomKit } from '../rooms/room-kit.js';

/**
 * The tools' styles, adopted by the element when this room loads. They read the element's
 * private `--_*` properties (declared from the public ones in its own sheet).
 */
export const toolStyles = ({ css }: RoomKit) => css`
  .tool-calls {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.4);
    margin: calc(var(--_space) * 0.5) 0 0;
    padding: 0;
    list-style: none;
  }

  .tool-call {
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.6);
    background: var(--_background);
    font-size: 0.87em;
  }

  .tool-call summary {
    padding: calc(var(--_space) * 0.35) calc(var(--_space) * 0.6);
    cursor: pointer;
  }

  .tool-name {
    font-family: ui-monospace, monospace;
    font-weight: 600;
  }

  .tool-status,
  .tool-label {
    color: var(--_muted);
  }

  .tool-call[data-status='error'] .tool-status,
  .tool-note {
    color: var(--_error);
  }

  .tool-detail {
    display: grid;
    gap: calc(var(--_space) * 0.25);
    padding: 0 calc(var(--_space) * 0.6) calc(var(--_space) * 0.5);
  }

  .tool-detail pre {
    margin: 0;
    max-block-size: 12em;
    overflow: auto;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    font: 0.95em ui-monospace, monospace;
  }

  .tool-note {
    margin: calc(var(--_space) * 0.35) 0 0;
    font-size: 0.87em;
  }

  .tool-call .tool-note {
    margin: 0;
    padding: 0 calc(var(--_space) * 0.6) calc(var(--_space) * 0.4);
  }

  .tool-approval {
    display: flex;
    gap: calc(var(--_space) * 0.5);
    padding: 0 calc(var(--_space) * 0.6) calc(var(--_space) * 0.5);
  }

  .tool-button {
    padding: calc(var(--_space) * 0.25) calc(var(--_space) * 0.8);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.5);
    background: var(--_background);
    color: var(--_text);
    font: inherit;
    cursor: pointer;
  }

  .tool-button.approve {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_accent-text);
  }

  .tool-button:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }

  .sources {
    margin-block-start: calc(var(--_space) * 0.5);
    font-size: 0.87em;
  }

  .sources ol {
    margin: calc(var(--_space) * 0.2) 0 0;
    padding-inline-start: 1.5em;
  }

  .sources a {
    color: var(--_accent);
    overflow-wrap: anywhere;
  }
`;
