import type { RoomKit } from '../rooms/room-kit.js';

/**
 * The catalog picker's styles, adopted by the element when this room loads. They read the
 * element's private `--_*` properties (declared from the public ones in its own sheet).
 */
export const catalogStyles = ({ css }: RoomKit) => css`
  .toolbar {
    flex-wrap: wrap;
  }

  .catalog-picker {
    position: relative;
    flex: 0 1 20rem;
    min-inline-size: 0;
    margin-inline-end: auto;
  }

  .catalog-picker .model-picker {
    box-sizing: border-box;
    inline-size: 100%;
  }

  .model-list {
    position: absolute;
    inset-block-start: calc(100% + 0.25rem);
    inset-inline-start: 0;
    z-index: 2;
    box-sizing: border-box;
    min-inline-size: 100%;
    inline-size: max-content;
    max-inline-size: min(28rem, 90vw);
    max-block-size: 20rem;
    margin: 0;
    padding: 0.25rem;
    overflow-y: auto;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.6);
    background: var(--_background);
    color: var(--_text);
    box-shadow: 0 0.5rem 1.5rem rgb(0 0 0 / 0.18);
    list-style: none;
    font-size: 0.875em;
  }

  .model-option {
    display: grid;
    grid-template-columns: 1fr auto;
    column-gap: var(--_space);
    padding: 0.4rem 0.5rem;
    border-radius: calc(var(--_radius) * 0.4);
    cursor: pointer;
  }

  .model-option[data-active] {
    outline: 2px solid var(--_accent);
    outline-offset: -2px;
  }

  .model-option[aria-selected='true'] .model-name {
    font-weight: 600;
  }

  .model-name,
  .model-id,
  .model-facts {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .model-id,
  .model-facts,
  .model-empty {
    color: var(--_muted);
    font-size: 0.9em;
  }

  .model-id {
    grid-column: 1;
  }

  .model-badges {
    display: flex;
    grid-column: 2;
    grid-row: 1 / span 2;
    align-items: center;
    gap: 0.25rem;
    color: var(--_muted);
  }

  .model-badge .icon {
    inline-size: 1rem;
    block-size: 1rem;
  }

  .model-empty {
    padding: 0.4rem 0.5rem;
  }

  .model-note {
    flex-basis: 100%;
    margin: 0;
    color: var(--_error);
    font-size: 0.875em;
  }
`;
