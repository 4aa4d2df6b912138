import type { RoomKit } from '../rooms/room-kit.js';

/**
 * How formulas look, adopted by the element when the math room loads. The browser's own
 * MathML layout with a math font (the same stack as Temml's stylesheets, whose font files we
 * do not ship); display formulas centred on their own line, scrolling sideways when wider
 * than the answer; TeX that did not typeset shows as code.
 */
export const mathStyles = ({ css }: RoomKit) => css`
  math {
    font-family: 'Cambria Math', 'STIX Two Math', 'Latin Modern Math', 'Noto Sans Math', math;
    font-size: 1.05em;
  }

  .math-display {
    display: block;
    margin: calc(var(--_space) * 0.5) 0;
    overflow-x: auto;
    overflow-y: hidden;
  }

  .math-display > math {
    display: block math;
  }

  .math > code.math-error {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }

  .tml-sml-pad {
    padding-left: 0.05em;
  }

  .tml-med-pad {
    padding-left: 0.1em;
  }

  .tml-lrg-pad {
    padding-left: 0.15em;
  }
`;
