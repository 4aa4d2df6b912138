/**
 * Checks an OpenRouter model id before any request, so a typo fails at once with advice
 * instead of a round trip and a provider's error.
 *
 * @module
 */

/**
 * `vendor/name`, optionally `~` in front (latest aliases such as
 * `~anthropic/claude-sonnet-latest`) and `:variant` suffixes (`:free`, `:thinking`, ...).
 */
const MODEL_ID = /^~?[a-z0-9][\w.-]*\/[a-z0-9][\w.-]*(?::[\w.-]+)*$/i;

/**
 * @returns a sentence saying what is wrong and what a valid id looks like, or `undefined`
 * when `id` is a valid OpenRouter model id.
 */
export function modelIdProblem(id: string): string | undefined {
  if (MODEL_ID.test(id)) return undefined;
  return (
    `“${id}” is not an OpenRouter model id. Use the vendor/name form, ` +
    'for example “anthropic/claude-3.5-sonnet”, “meta-llama/llama-3.1-8b-instruct:free” or “openrouter/auto”.'
  );
}
