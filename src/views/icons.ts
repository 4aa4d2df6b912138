/**
 * The chat's icons: small inline SVGs drawn in `currentColor`, hidden from assistive
 * technology (every button that shows one carries its own label).
 *
 * @module
 */
import { svg, type SVGTemplateResult } from 'lit';

/** A 20×20 stroked icon around `paths`. */
export function icon(paths: SVGTemplateResult): SVGTemplateResult {
  return svg`<svg class="icon" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor"
    stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${paths}</svg>`;
}

export const sendIcon = icon(svg`<path d="M12 19V5" /><path d="m5 12 7-7 7 7" />`);
export const stopIcon = icon(svg`<rect x="6" y="6" width="12" height="12" rx="2" fill="currentColor" />`);
export const copyIcon = icon(svg`<rect x="9" y="9" width="12" height="12" rx="2" /><path d="M5 15V5a2 2 0 0 1 2-2h8" />`);
export const checkIcon = icon(svg`<path d="m5 12 5 5 9-10" />`);
export const regenerateIcon = icon(svg`<path d="M21 12a9 9 0 1 1-2.64-6.36" /><path d="M21 3v6h-6" />`);
export const editIcon = icon(svg`<path d="M4 20h4L19 9l-4-4L4 16z" /><path d="m13 7 4 4" />`);
export const clearIcon = icon(svg`<path d="M4 7h16" /><path d="M10 11v6M14 11v6" /><path d="M6 7l1 13h10l1-13M9 7V4h6v3" />`);
export const arrowDownIcon = icon(svg`<path d="M12 5v14" /><path d="m5 12 7 7 7-7" />`);
export const chatIcon = icon(svg`<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z" />`);
export const closeIcon = icon(svg`<path d="M6 6l12 12M18 6 6 18" />`);
