import { HttpError } from './errors.js';

/**
 * The content codings an upstream answer may come in: the ones `fetch` (the Web handler's
 * transport) asks for and decodes itself, and the Node transport decodes the same. Anything
 * else would reach the browser unreadable, and the key redaction, which reads the bytes,
 * could not see a key inside them.
 */
const READABLE_CODINGS = ['gzip', 'x-gzip', 'deflate', 'br'] as const;

/** A content coding the proxy can read. */
export type ReadableCoding = (typeof READABLE_CODINGS)[number];

/**
 * The content coding of an upstream answer, from its `content-encoding` header; undefined
 * when it came as it is.
 * @throws HttpError 502 for a coding the proxy cannot read, or more than one.
 */
export function answerCoding(header: string | null | undefined): ReadableCoding | undefined {
  const coding = (header ?? '').trim().toLowerCase();
  if (coding === '' || coding === 'identity') return undefined;
  if ((READABLE_CODINGS as readonly string[]).includes(coding)) return coding as ReadableCoding;
  throw new HttpError(502, `OpenRouter answered in a content coding the proxy cannot read (${coding}).`);
}
