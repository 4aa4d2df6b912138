/** A JSON object (not an array, not null): the shape every level of a chat body is checked for. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
