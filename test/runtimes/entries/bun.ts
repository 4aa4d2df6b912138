// docs/proxy.md's Bun recipe, as the runtime tests run it. Differences from the README: the
// import path (the built entry, `openrouter-chat/server` in an app).
import { createChatHandler } from '../../../dist/server/index.js';

const handler = createChatHandler({
  apiKey: Bun.env.OPENROUTER_API_KEY!,
  siteUrl: 'https://chat.example', // your site, for OpenRouter's app attribution
  siteName: 'Example Chat',
  baseUrl: Bun.env.OPENROUTER_BASE_URL, // optional: unset means OpenRouter itself
});
// Bun.serve takes its port from PORT (default 3000) by itself.
Bun.serve({
  hostname: Bun.env.HOST,
  fetch: (request, server) => handler(request, { clientAddress: server.requestIP(request)?.address }),
});
