import { HttpError } from './errors.js';

/**
 * OpenRouter ids are `vendor/name`, optionally with a `~` "latest" alias prefix and a
 * `:variant` suffix (`:free`, `:thinking`...). The character set is deliberately narrow:
 * anything else is not a model OpenRouter knows and could only be an injection attempt.
 */
const MODEL_ID_PATTERN = /^~?[A-Za-z0-9][\w.-]*\/[\w.:~+@-][\w.:~+@/-]*$/;
const LINE_BREAK = /[\r\n]/;

/**
 * Checks one model id from a request body and returns it, or throws the 400/403 the client
 * should see. `field` names the body field so the message points at the right place.
 */
export function checkModelId(
  value: unknown,
  field: string,
  maxLength: number,
  isAllowed: (id: string) => boolean,
): string {
  if (typeof value !== 'string' || value === '') {
    throw new HttpError(400, `${field} must be a non-empty string.`);
  }
  // Checked before anything else: a line break is a header-injection attempt, not a typo.
  if (LINE_BREAK.test(value)) {
    throw new HttpError(400, `${field} must not contain CR or LF characters.`);
  }
  if (value.length > maxLength) {
    throw new HttpError(400, `${field} is longer than ${maxLength} characters.`);
  }
  if (!MODEL_ID_PATTERN.test(value)) {
    throw new HttpError(
      400,
      `${field} "${value}" is not a valid OpenRouter model id: use the form "vendor/model" ` +
        '(e.g. "anthropic/claude-3.5-sonnet" or "openrouter/auto").',
    );
  }
  if (!isAllowed(value)) {
    throw new HttpError(403, `${field} "${value}" is not allowed by this server.`);
  }
  return value;
}

/** Whether `value` has the shape of an OpenRouter model id, within `maxLength` characters. */
export function isModelIdShaped(value: string, maxLength: number): boolean {
  return value.length <= maxLength && MODEL_ID_PATTERN.test(value);
}

/**
 * Builds the allowlist test. Entries are exact ids (`openai/gpt-4o-mini`) or prefixes
 * ending in `*` (`anthropic/*`, `meta-llama/llama-3*`). No list means every valid id passes.
 *
 * @throws TypeError when an entry has a `*` anywhere but at its end.
 */
export function createModelAllowlist(
  entries: readonly string[] | undefined,
): (modelId: string) => boolean {
  if (entries === undefined) return () => true;
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const entry of entries) {
    const star = entry.indexOf('*');
    if (star === -1) exact.add(entry);
    else if (star === entry.length - 1) prefixes.push(entry.slice(0, -1));
    else throw new TypeError(`allowedModels entry "${entry}": "*" may only end a pattern.`);
  }
  return (modelId) => exact.has(modelId) || prefixes.some((prefix) => modelId.startsWith(prefix));
}
