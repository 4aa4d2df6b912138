/**
 * The long markdown answer the render benchmark streams: sections that each hold prose with
 * inline marks, a bullet list, a numbered list, a fenced code block and a table, so every
 * stretch of the answer (the first tenth as much as the last) mixes every kind of block.
 */
import { randomInt, seededRandom } from '../../test/browser/sse/seeded-random.js';

const WORDS = [
  'stream', 'tokens', 'arrive', 'quickly', 'render', 'widget', 'answer', 'model', 'browser',
  'parser', 'frame', 'delta', 'layout', 'proxy', 'server', 'reader', 'cache', 'latency',
  'café', 'naïve', 'données', 'Straße', 'the', 'of', 'and', 'with', 'each', 'a', 'few',
];

function words(random: () => number, count: number): string {
  return Array.from({ length: count }, () => WORDS[randomInt(random, 0, WORDS.length - 1)]).join(' ');
}

function section(random: () => number, index: number): string {
  const sentence = (): string => `${words(random, randomInt(random, 8, 16))}.`;
  return [
    `### Section ${index}`,
    '',
    `${sentence()} The **${words(random, 2)}** uses \`${words(random, 1)}()\` and *${words(random, 2)}*, ` +
      `see [the docs](https://example.com/docs/${index}). ${sentence()} ${sentence()}`,
    '',
    `- ${words(random, 5)}`,
    `- **${words(random, 1)}**: ${words(random, 6)}`,
    `- ${words(random, 4)} \`code\``,
    '',
    `1. ${words(random, 6)}`,
    `2. ${words(random, 5)}`,
    '',
    '```ts',
    `const chat${index} = document.querySelector('openrouter-chat');`,
    `chat${index}.addEventListener('openrouter-chat-delta', (event) => {`,
    `  console.log(event.detail.delta.length, ${index});`,
    '});',
    '```',
    '',
    '| Step | What happens | ms |',
    '| --- | --- | ---: |',
    `| 1 | ${words(random, 3)} | ${randomInt(random, 1, 99)} |`,
    `| 2 | ${words(random, 3)} | ${randomInt(random, 1, 99)} |`,
    `| 3 | ${words(random, 3)} | ${randomInt(random, 1, 99)} |`,
    '',
    `${sentence()} ${sentence()}`,
    '',
    '',
  ].join('\n');
}

/**
 * The answer at `sections` sections (about 1 kB each); the same seed gives the same text,
 * and a longer answer starts with the shorter one.
 */
export function benchAnswer(sections: number, seed = 6): string {
  const random = seededRandom(seed);
  return Array.from({ length: sections }, (_, index) => section(random, index + 1)).join('');
}
