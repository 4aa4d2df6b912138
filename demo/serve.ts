/**
 * `npm start`: the demo page and the proxy on PORT (default 5173), HOST (default 127.0.0.1).
 * Environment: OPENROUTER_API_KEY (live; without it, the simulated OpenRouter),
 * OPENROUTER_BASE_URL, OPENROUTER_SITE_URL, OPENROUTER_SITE_NAME, RATE_LIMIT_PER_MINUTE.
 */
import { startDemoServer } from './demo-server.js';

const port = Number(process.env['PORT'] || 5173);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`PORT must be a port number, got "${process.env['PORT']}".`);
  process.exit(1);
}

const demo = await startDemoServer({ port, host: process.env['HOST'] || '127.0.0.1', env: process.env });
console.log(`openrouter-chat demo: ${demo.url}`);
console.log(
  demo.upstream === 'live'
    ? 'Upstream: live OpenRouter (OPENROUTER_API_KEY is set); requests cost real credits.'
    : 'Upstream: simulated OpenRouter (no OPENROUTER_API_KEY set); type /error 429, /midstream-error, /truncate or /slow to see failures.',
);

let stopping = false;
function stop(): void {
  // A second Ctrl-C while closing means "now".
  if (stopping) process.exit(1);
  stopping = true;
  demo.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
