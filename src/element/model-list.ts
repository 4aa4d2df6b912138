/**
 * List attributes: `models` (model ids separated by commas and/or spaces) and `suggestions`
 * (prompts separated by `|`, since a prompt has spaces and commas).
 *
 * @module
 */
import type { ComplexAttributeConverter } from 'lit';

/** Reads `"a/b, c/d e/f"` as `['a/b', 'c/d', 'e/f']` and writes a list back comma-separated. */
export const modelListConverter: ComplexAttributeConverter<string[]> = {
  fromAttribute: (value: string | null) => (value ?? '').split(/[\s,]+/).filter(Boolean),
  toAttribute: (value: string[]) => value.join(', '),
};

/** Reads `"Plan a trip | Explain this code"` as two prompts, trimmed, empty ones left out. */
export const suggestionListConverter: ComplexAttributeConverter<string[]> = {
  fromAttribute: (value: string | null) =>
    (value ?? '')
      .split('|')
      .map((prompt) => prompt.trim())
      .filter(Boolean),
  toAttribute: (value: string[]) => value.join(' | '),
};
