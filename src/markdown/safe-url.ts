/**
 * The only gate a URL from model output passes before it reaches an `href` or `src`.
 *
 * The WHATWG URL parser decides, not a pattern: it is what the browser itself will use to
 * follow the link, so every spelling trick it normalises away (mixed case, leading spaces and
 * control characters, tabs or newlines inside the scheme) is normalised here too before the
 * scheme is compared. Parsing without a base refuses relative URLs: a model cannot know
 * which page embeds the widget, so a relative link would point at the host site's own paths,
 * and `&#106;avascript:` or `%6Aavascript:` (never decoded by the markdown parser) only ever
 * parse as relative. The normalised `href` is what gets written, so the DOM holds exactly
 * the URL that was checked.
 *
 * @module
 */

const LINK_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);
const IMAGE_PROTOCOLS: ReadonlySet<string> = new Set(['https:']);

/** An absolute URL with one of `protocols`, normalised; `null` for anything else. */
function allowedUrl(raw: string, protocols: ReadonlySet<string>): string | null {
  try {
    // `new URL` rather than `URL.parse`, which Safari only has since 18.
    const url = new URL(raw);
    return protocols.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** The link target for `raw` if it is an absolute http, https or mailto URL, else `null`. */
export function safeLinkUrl(raw: string): string | null {
  return allowedUrl(raw, LINK_PROTOCOLS);
}

/** The image source for `raw` if it is an absolute https URL, else `null`. */
export function safeImageUrl(raw: string): string | null {
  return allowedUrl(raw, IMAGE_PROTOCOLS);
}
