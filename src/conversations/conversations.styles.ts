import type { RoomKit } from '../rooms/room-kit.js';

/**
 * The conversations' styles, adopted by the element when this room loads. They read the
 * element's private `--_*` properties (declared from the public ones in its own sheet).
 */
export const conversationStyles = ({ css }: RoomKit) => css`
  .empty:has(+ .suggestions) {
    margin-block-end: calc(var(--_space) * 0.75);
  }

  .suggestions {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: calc(var(--_space) * 0.5);
    margin: 0 auto auto;
    padding: 0;
    list-style: none;
  }

  .icon-button[aria-pressed='true'] {
    color: var(--_accent);
  }

  /*
   * The list: a column beside the chat when there is room, else a bar above it whose list
   * folds open over the conversation. The panel is the container, so a chat in a narrow
   * sidebar folds as the launcher's panel does.
   */
  .panel:has(> .conversations) {
    container-type: inline-size;
    position: relative;
  }

  .conversations {
    position: relative;
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.25);
    padding: calc(var(--_space) * 0.5);
    border-block-end: 1px solid var(--_border);
    font-size: 0.875em;
  }

  .conversations-bar {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
  }

  .new-chat {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
  }

  .new-chat .icon {
    inline-size: 1rem;
    block-size: 1rem;
  }

  .conversation-items {
    margin: 0;
    padding: 0;
    list-style: none;
    overflow-y: auto;
  }

  .conversation-items[data-folded] {
    display: none;
  }

  /* Folded open: over the conversation, below the bar. */
  .conversation-items:not([data-folded]) {
    position: absolute;
    inset-block-start: 100%;
    inset-inline: 0;
    z-index: 1;
    max-block-size: min(18rem, 60vh);
    padding: calc(var(--_space) * 0.25);
    border-block-end: 1px solid var(--_border);
    background: var(--_background);
    box-shadow: 0 8px 20px rgb(0 0 0 / 0.12);
  }

  .conversation {
    display: flex;
    align-items: center;
    gap: 0.125rem;
  }

  .conversation-switch,
  .conversation-title-field {
    flex: 1;
    min-inline-size: 0;
    padding: 0.35rem 0.5rem;
    border: 1px solid transparent;
    border-radius: calc(var(--_radius) * 0.5);
    background: transparent;
    color: var(--_text);
    font: inherit;
    text-align: start;
  }

  .conversation-switch {
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
    cursor: pointer;
  }

  .conversation-switch:hover,
  .conversation-switch[aria-current='true'] {
    background: var(--_assistant-background);
  }

  .conversation-switch[aria-current='true'] {
    font-weight: 600;
  }

  .conversation-title-field {
    border-color: var(--_accent);
    background: var(--_background);
  }

  .conversations-notice:empty {
    display: none;
  }

  .conversations-notice {
    color: var(--_muted);
  }

  /* Room beside the chat: the list is a column, always open, with no fold button. */
  @container (min-width: 40rem) {
    .panel > :not(.conversations) {
      margin-inline-start: 15rem;
    }

    .conversations {
      position: absolute;
      inset-block: 0;
      inset-inline-start: 0;
      inline-size: 15rem;
      border-block-end: none;
      border-inline-end: 1px solid var(--_border);
    }

    .conversations-toggle {
      display: none;
    }

    .conversation-items[data-folded],
    .conversation-items:not([data-folded]) {
      position: static;
      display: block;
      max-block-size: none;
      padding: 0;
      border: none;
      box-shadow: none;
    }
  }
`;
