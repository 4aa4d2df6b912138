// docs/proxy.md's Node recipe, as the runtime tests run it. Differences from the README: the
// import path (the built entry, `openrouter-chat/server/node` in an app).
import { createServer } from 'node:http';
import { createNodeHandler } from '../../../dist/server/node.js';

const handler = createNodeHandler({
  apiKey: process.env.OPENROUTER_API_KEY,
  siteUrl: 'https://chat.example', // your site, for OpenRouter's app attribution
  siteName: 'Example Chat',
  baseUrl: process.env.OPENROUTER_BASE_URL, // optional: unset means OpenRouter itself
});
createServer(handler).listen(Number(process.env.PORT ?? 3000), process.env.HOST);
