// docs/proxy.md's Cloudflare Workers recipe, as the runtime tests run it under workerd.
// Differences from the README: the import path (the built entry, `openrouter-chat/server`
// in an app).
import { createChatHandler } from '../../../dist/server/index.js';

let handler;
export default {
  fetch(request, env) {
    handler ??= createChatHandler({
      apiKey: env.OPENROUTER_API_KEY,
      siteUrl: 'https://chat.example', // your site, for OpenRouter's app attribution
      siteName: 'Example Chat',
      baseUrl: env.OPENROUTER_BASE_URL, // optional: unset means OpenRouter itself
    });
    return handler(request, { clientAddress: request.headers.get('cf-connecting-ip') ?? undefined });
  },
};
