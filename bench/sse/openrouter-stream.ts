import { randomInt, seededRandom } from '../../test/browser/sse/seeded-random.js';

/** A generated stream and what a correct reader must get out of it. */
export interface GeneratedStream {
  /** The event-stream text, as OpenRouter sends it. */
  text: string;
  /** How many `data:` events hold JSON (every one but `[DONE]`). */
  jsonEvents: number;
  /** Every `delta.content` joined, to check that a reader lost nothing. */
  content: string;
}

// Plain words and some that are multi-byte in UTF-8, so chunk edges fall inside characters.
const WORDS = [
  'the', 'stream', 'of', 'tokens', 'arrives', 'quickly', 'and', 'each', 'chunk', 'carries',
  'a', 'few', 'words', 'café', 'naïve', 'Straße', 'façade', '日本語', 'テキスト', 'مرحبا',
  'привет', 'données', '😀', '🚀', '👩‍💻', 'ok', 'done', 'model', 'answer', 'with',
];

const MODEL = 'anthropic/claude-3.5-sonnet';
const KEEP_ALIVE = ': OPENROUTER PROCESSING\n\n';

/**
 * Generates an OpenRouter-like chat stream: keep-alive comments before and among the data,
 * a role chunk, `eventCount` content chunks of a few words, a finish chunk, a usage chunk
 * and `[DONE]`. The same seed always gives the same stream.
 */
export function generateOpenRouterStream(eventCount: number, seed = 1): GeneratedStream {
  const random = seededRandom(seed);
  const id = `gen-1735689600-${seed.toString(36).padStart(20, 'x')}`;
  const created = 1_735_689_600;
  const chunk = (delta: object, finishReason: string | null, extra: object = {}) =>
    `data: ${JSON.stringify({
      id,
      provider: 'Anthropic',
      model: MODEL,
      object: 'chat.completion.chunk',
      created,
      choices: [
        { index: 0, delta, finish_reason: finishReason, native_finish_reason: finishReason, logprobs: null },
      ],
      ...extra,
    })}\n\n`;

  const parts: string[] = [KEEP_ALIVE, KEEP_ALIVE, chunk({ role: 'assistant', content: '' }, null)];
  let content = '';
  for (let i = 0; i < eventCount; i++) {
    let piece = '';
    for (let words = randomInt(random, 1, 4); words > 0; words--) {
      piece += ` ${WORDS[randomInt(random, 0, WORDS.length - 1)]}`;
    }
    content += piece;
    parts.push(chunk({ role: 'assistant', content: piece }, null));
    if (random() < 0.01) parts.push(KEEP_ALIVE);
  }
  parts.push(chunk({ role: 'assistant', content: '' }, 'stop'));
  parts.push(
    chunk({ role: 'assistant', content: '' }, null, {
      usage: {
        prompt_tokens: 1234,
        completion_tokens: eventCount * 2,
        total_tokens: 1234 + eventCount * 2,
        cost: 0.0123,
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    }),
  );
  parts.push('data: [DONE]\n\n');
  // Role chunk, content chunks, finish chunk and usage chunk; `[DONE]` is not JSON.
  return { text: parts.join(''), jsonEvents: eventCount + 3, content };
}
