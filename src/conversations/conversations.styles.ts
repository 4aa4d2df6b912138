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
`;
