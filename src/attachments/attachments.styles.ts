import type { RoomKit } from '../rooms/room-kit.js';

/**
 * The attachments' styles, adopted by the element when this room loads. They read the
 * element's private `--_*` properties (declared from the public ones in its own sheet).
 */
export const attachmentStyles = ({ css }: RoomKit) => css`
  .file-input {
    display: none;
  }

  .round-button.attach {
    background: var(--_background);
    color: var(--_muted);
    border-color: var(--_border);
  }

  .attachments,
  .attachment-notes {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.4);
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .attachment-notes {
    flex-direction: column;
    color: var(--_error);
    font-size: 0.85em;
  }

  .chip {
    display: flex;
    align-items: center;
    gap: 0.4rem;
    max-inline-size: 14rem;
    padding: 0.25rem 0.25rem 0.25rem 0.4rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.6);
    background: var(--_background);
    color: var(--_text);
    font-size: 0.85em;
  }

  .chip[aria-busy='true'] {
    opacity: 0.7;
  }

  .chip-thumbnail {
    inline-size: 2.25rem;
    block-size: 2.25rem;
    object-fit: cover;
    border-radius: calc(var(--_radius) * 0.4);
  }

  .chip-text {
    display: flex;
    flex-direction: column;
    min-inline-size: 0;
  }

  .chip-name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .chip-size {
    color: var(--_muted);
    font-size: 0.9em;
  }

  .message-attachments {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    margin-block-start: 0.4rem;
  }

  .message-attachments:first-child {
    margin-block-start: 0;
  }

  .thumbnail {
    padding: 0;
    border: 0;
    border-radius: calc(var(--_radius) * 0.6);
    background: none;
    cursor: zoom-in;
  }

  .thumbnail img {
    display: block;
    max-inline-size: 8rem;
    max-block-size: 8rem;
    border-radius: inherit;
  }

  .drop-target {
    position: absolute;
    inset: calc(var(--_space) * 0.5);
    z-index: 1;
    display: grid;
    place-content: center;
    justify-items: center;
    gap: 0.5rem;
    border: 2px dashed var(--_accent);
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_background) 88%, transparent);
    color: var(--_accent);
    font-weight: 600;
    pointer-events: none;
  }

  .viewer {
    max-inline-size: 95vw;
    max-block-size: 95vh;
    padding: 0;
    border: 0;
    border-radius: var(--_radius);
    background: var(--_background);
  }

  .viewer::backdrop {
    background: rgb(0 0 0 / 0.7);
  }

  .viewer img {
    display: block;
    max-inline-size: 95vw;
    max-block-size: 95vh;
  }

  .viewer-close {
    position: absolute;
    inset-block-start: 0.5rem;
    inset-inline-end: 0.5rem;
    background: var(--_background);
  }
`;
