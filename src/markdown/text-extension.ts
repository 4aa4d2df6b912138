/**
 * Whether `text` extends `written` (starts with it): how the markdown renderer, and the plain
 * text before it loads, know that an update only appends.
 *
 * Why slice-and-compare instead of `startsWith`: a streamed text is a V8 rope (built with
 * `+=`), and `startsWith` against it compares character by character through V8's generic
 * path, some 70x slower than slicing (one flat copy) and comparing the slices, which runs at
 * memory-compare speed. Both read the whole text; this one a late delta barely notices.
 *
 * @module
 */
export function extendsText(written: string, text: string): boolean {
  return text.length >= written.length && text.slice(0, written.length) === written;
}
