/**
 * The `models` attribute: model ids separated by commas and/or spaces.
 *
 * @module
 */
import type { ComplexAttributeConverter } from 'lit';

/** Reads `"a/b, c/d e/f"` as `['a/b', 'c/d', 'e/f']` and writes a list back comma-separated. */
export const modelListConverter: ComplexAttributeConverter<string[]> = {
  fromAttribute: (value: string | null) => (value ?? '').split(/[\s,]+/).filter(Boolean),
  toAttribute: (value: string[]) => value.join(', '),
};
