// docs/proxy.md's example of a rate limit shared by every instance of the proxy, on Cloudflare
// Workers: the platform's Rate Limiting binding, declared in wrangler.toml as
//
//   [[ratelimits]]
//   name = "CHAT_RATE_LIMITER"
//   namespace_id = "1001"
//   simple = { limit = 20, period = 60 }
//
// The default limiter counts in one isolate's memory, and Cloudflare runs many isolates;
// the binding counts for all of them. The runtime tests run this file under workerd.
import { createChatHandler } from '../../../dist/server/index.js';

let handler;
export default {
  fetch(request, env) {
    handler ??= createChatHandler({
      apiKey: env.OPENROUTER_API_KEY,
      baseUrl: env.OPENROUTER_BASE_URL, // optional: unset means OpenRouter itself
      rateLimit: async (_request, { clientAddress }) => {
        const { success } = await env.CHAT_RATE_LIMITER.limit({ key: clientAddress ?? 'unknown' });
        // The binding does not say when its window ends; its period is the safe upper bound.
        return success ? { ok: true } : { ok: false, retryAfterSeconds: 60 };
      },
    });
    return handler(request, { clientAddress: request.headers.get('cf-connecting-ip') ?? undefined });
  },
};
