/**
 * What the simulated OpenRouter says: markdown answers rich enough to exercise the
 * element's rendering, and the failure commands a user can type to see each error path.
 */

/** A failure or variation requested by a command in the last user message. */
export type SimulatorCommand =
  | { kind: 'answer' }
  | { kind: 'long' }
  | { kind: 'math' }
  | { kind: 'image' }
  | { kind: 'code' }
  | { kind: 'slow' }
  | { kind: 'error'; status: number }
  | { kind: 'html'; status: number }
  | { kind: 'midstream-error' }
  | { kind: 'truncate' }
  | { kind: 'stall' }
  | { kind: 'hang' }
  | { kind: 'keepalive-only' };

/** The commands the simulator understands, as shown on the demo page. */
export const SIMULATOR_COMMANDS: ReadonlyArray<{ command: string; effect: string }> = [
  { command: '/error 429', effect: 'HTTP error before the first token (any status, e.g. /error 402)' },
  { command: '/html 502', effect: 'an HTML error page, as a gateway would send' },
  { command: '/midstream-error', effect: 'an error chunk after a few words' },
  { command: '/truncate', effect: 'the stream stops with no finish and no [DONE]' },
  { command: '/slow', effect: 'tokens arrive slowly, after keep-alive comments' },
  { command: '/long', effect: 'a long answer' },
  { command: '/math', effect: 'formulas, inline and display (and one broken one)' },
  { command: '/image', effect: 'a generated image (with image-output; otherwise a note saying so)' },
  { command: '/code', effect: 'a long answer with code in many languages, highlighted' },
  { command: '/stall', effect: 'a few words, then silence (the proxy idle timeout ends it)' },
  { command: '/hang', effect: 'no response headers at all (the proxy answers 504)' },
  { command: '/keepalive-only', effect: 'only keep-alive comments, forever' },
];

const ERROR_STATUS_COMMAND = /(?:^|\s)\/(error|html)(?:\s+(\d{3}))?(?=\s|$)/;
const SIMPLE_COMMAND = /(?:^|\s)\/(midstream-error|truncate|slow|long|math|image|code|stall|hang|keepalive-only)(?=\s|$)/;

/** Finds the command in a user message; plain text gets the normal answer. */
export function parseCommand(text: string): SimulatorCommand {
  const withStatus = ERROR_STATUS_COMMAND.exec(text);
  if (withStatus !== null) {
    const kind = withStatus[1] as 'error' | 'html';
    const requested = Number(withStatus[2] ?? (kind === 'html' ? 502 : 500));
    const status = requested >= 400 && requested <= 599 ? requested : 500;
    return { kind, status };
  }
  const simple = SIMPLE_COMMAND.exec(text);
  if (simple === null) return { kind: 'answer' };
  return { kind: simple[1] as Exclude<SimulatorCommand['kind'], 'error' | 'html'> };
}

/** OpenRouter's wording for each documented status, so the demo shows realistic errors. */
const ERROR_MESSAGES: Readonly<Record<number, string>> = {
  400: 'Invalid request',
  401: 'No auth credentials found',
  402: 'Insufficient credits. Add more using https://openrouter.ai/settings/credits',
  403: 'Your input was flagged by moderation',
  404: 'No endpoints found for this model',
  408: 'Request timed out',
  429: 'Rate limit exceeded',
  500: 'Internal Server Error',
  502: 'Provider returned error',
  503: 'No available providers for this request',
};

/** The message of a simulated HTTP error. */
export function errorMessage(status: number): string {
  return `${ERROR_MESSAGES[status] ?? `Error ${status}`} (simulated)`;
}

/** The reasoning a `thinking` model streams before its answer. */
export function reasoningFor(prompt: string): string {
  return (
    `The user wrote "${summarize(prompt)}". A good demo answer shows every piece the widget ` +
    'renders: a paragraph, a list, a fenced code block and a table. I will keep it short.'
  );
}

/** The markdown answer to a prompt; `long` repeats its sections for scrolling tests. */
export function answerFor(prompt: string, long: boolean): string {
  const intro =
    `You asked: *${summarize(prompt)}*. This answer comes from the **simulated OpenRouter** ` +
    'that `npm start` runs when no `OPENROUTER_API_KEY` is set, so nothing leaves your machine.\n\n';
  const body =
    'It shows what the widget can render:\n\n' +
    '- text streamed a few words at a time\n' +
    '- **bold**, *italic* and `inline code`\n' +
    '- fenced code blocks and tables\n\n' +
    '```ts\n' +
    "const chat = document.querySelector('openrouter-chat');\n" +
    "chat.addEventListener('openrouter-chat-complete', (event) => {\n" +
    '  console.log(event.detail.usage);\n' +
    '});\n' +
    '```\n\n' +
    '| Command | Effect |\n' +
    '| --- | --- |\n' +
    '| `/error 429` | HTTP error before the first token |\n' +
    '| `/midstream-error` | error chunk mid-answer |\n' +
    '| `/truncate` | stream cut off |\n\n';
  const sections = long
    ? Array.from({ length: 12 }, (_, index) => `### Part ${index + 1}\n\n${body}`).join('')
    : body;
  return `${intro}${sections}Set \`OPENROUTER_API_KEY\` to talk to real models.`;
}

/**
 * Splits text into deltas of one to three words, keeping every space and newline attached,
 * so the deltas joined give back the text exactly.
 */
export function splitIntoDeltas(text: string): string[] {
  const words = text.match(/\s*\S+\s*/g) ?? [];
  const deltas: string[] = [];
  for (let index = 0; index < words.length; ) {
    const size = (deltas.length % 3) + 1;
    deltas.push(words.slice(index, index + size).join(''));
    index += size;
  }
  return deltas;
}

function summarize(prompt: string): string {
  const oneLine = prompt.replace(/\s+/g, ' ').trim().replace(/[*_`[\]]/g, '');
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine || 'nothing';
}
