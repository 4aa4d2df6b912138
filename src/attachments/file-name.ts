/**
 * A file's name as shown and sent. Names come from the user's disk or a dropped file and
 * may hold anything: they are only ever text (never markup), and the characters that make
 * text lie or break lines are taken out.
 *
 * @module
 */

/**
 * Control characters (CR, LF, NUL...: the proxy refuses them in a file name) and the
 * bidirectional controls that can make `gpj.exe` read as `exe.jpg`.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** The longest name common file systems allow, and the proxy's limit. */
const MAX_NAME_CHARS = 255;

/** `name` without control or bidirectional characters, at most 255 characters; `fallback` when nothing is left. */
export function safeFileName(name: string, fallback: string): string {
  return name.replace(UNSAFE, '').trim().slice(0, MAX_NAME_CHARS) || fallback;
}
