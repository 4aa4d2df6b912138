/**
 * Checks an OpenRouter model id before any request, so a typo fails at once with advice
 * instead of a round trip and a provider's error.
 *
 * @module
 */

/**
 * The `vendor/` shape only (a `~` in front for latest aliases such as
 * `~anthropic/claude-sonnet-latest`), then anything without white space. What may follow the
 * slash is the proxy's to decide (`src/server/models.ts` owns that grammar, and the model
 * list is OpenRouter's): a stricter rule here refused ids the proxy takes. This only catches
 * the typos that cannot be an id at all, without a round trip.
 */
const MODEL_ID = /^~?[a-z0-9][\w.-]*\/\S+$/i;

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
