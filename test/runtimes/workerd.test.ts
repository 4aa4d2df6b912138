import { describeRuntime } from './harness/suite.js';
import { startWorkerd } from './harness/processes.js';

// workerd learns that a client left only when it next writes to that client's connection
// (measured: with or without the `enable_request_signal` flag). While OpenRouter streams,
// tokens and keep-alive comments are such writes, so upstream is closed within one of them;
// before that, the proxy's timeouts bound the wait.
describeRuntime({
  name: 'Cloudflare workerd (Miniflare)',
  start: (env) => startWorkerd(env),
  limits: {
    disconnectWhileSilent:
      'workerd notices the disconnect at its next write to the client: here the next upstream byte, or the idle timeout (60 s by default)',
    disconnectBeforeHeaders:
      'workerd notices the disconnect only once the response has started: here when upstream answers, or the upstream timeout (30 s by default)',
  },
});
