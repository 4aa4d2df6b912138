// docs/proxy.md's Deno recipe, as the runtime tests run it. Differences from the README: the
// import path (the built entry, `openrouter-chat/server` in an app).
import { createChatHandler } from '../../../dist/server/index.js';

const handler = createChatHandler({
  apiKey: Deno.env.get('OPENROUTER_API_KEY')!,
  siteUrl: 'https://chat.example', // your site, for OpenRouter's app attribution
  siteName: 'Example Chat',
  baseUrl: Deno.env.get('OPENROUTER_BASE_URL'), // optional: unset means OpenRouter itself
});
Deno.serve(
  { hostname: Deno.env.get('HOST'), port: Number(Deno.env.get('PORT') ?? 8000) },
  (request, info) => handler(request, { clientAddress: info.remoteAddr.hostname }),
);
