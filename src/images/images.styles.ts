import type { RoomKit } from '../rooms/room-kit.js';

/** The generated images' styles, adopted by the element when this room loads. */
export const imageStyles = ({ css }: RoomKit) => css`
  .generated-image {
    margin: calc(var(--_space) * 0.5) 0 0;
  }

  .generated-image img {
    display: block;
    max-inline-size: 100%;
    block-size: auto;
    border-radius: calc(var(--_radius) * 0.5);
  }

  .generated-image-download {
    display: inline-block;
    margin-block-start: 0.25em;
    color: var(--_accent);
    font-size: 0.85em;
  }
`;
