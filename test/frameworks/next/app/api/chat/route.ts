// Next.js App Router: app/api/chat/route.ts. The proxy is a Web handler, so the route is
// one line of wiring; the key stays on the server.
import { createChatHandler } from 'openrouter-chat/server';

const chat = createChatHandler({
  apiKey: process.env.OPENROUTER_API_KEY ?? '',
  baseUrl: process.env.OPENROUTER_BASE_URL, // unset: OpenRouter itself
  siteUrl: 'https://example.com',
  siteName: 'Example',
  // Behind Vercel's (or your) proxy: one hop appends the caller's address to x-forwarded-for.
  trustedProxyCount: 1,
});

export function POST(request: Request): Promise<Response> {
  return chat(request);
}
