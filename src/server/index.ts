/**
 * `openrouter-chat/server`: the Web-standard proxy and the simulated OpenRouter. Nothing
 * here imports a Node built-in, so it bundles for Workers, Deno, Bun and edge runtimes;
 * the Node adapter lives in `openrouter-chat/server/node` (`./node.ts`).
 */
export { createChatHandler, type ChatHandler, type ChatHandlerContext } from './handler.js';
export {
  DEFAULT_BASE_URL,
  DEFAULT_MODEL,
  type ChatHandlerOptions,
  type ChatLogger,
} from './options.js';
export type { PdfEngine } from './plugins.js';
export {
  createMemoryRateLimiter,
  type MemoryRateLimiterOptions,
  type RateLimitDecision,
  type RateLimitInfo,
  type RateLimiter,
} from './rate-limit.js';
export { fetchFromHandler } from './in-process-fetch.js';
export { createSimulatedOpenRouter, type SimulatedOpenRouterOptions } from './simulator.js';
export { SIMULATOR_COMMANDS } from './simulator-script.js';
