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

/** How every section starts: where one section's deltas end and the next one's begin. */
const SECTION_HEADING = '### Section ';

function section(random: () => number, index: number): string {
  const sentence = (): string => `${words(random, randomInt(random, 8, 16))}.`;
  return [
    `${SECTION_HEADING}${index}`,
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

/**
 * The section (0-based) each delta of an answer is written in: the one whose heading came
 * last, counting the delta's own text. Every section holds the same kinds of blocks, so
 * comparing sections compares like with like, wherever they stand in the answer.
 */
export function sectionOfEachDelta(deltas: readonly string[]): number[] {
  let text = '';
  let headings = 0;
  return deltas.map((delta) => {
    // A heading split across deltas counts once it is whole; a delta never holds two.
    const from = Math.max(0, text.length - SECTION_HEADING.length);
    text += delta;
    if (text.indexOf(SECTION_HEADING, from) !== -1) headings = text.split(SECTION_HEADING).length - 1;
    return Math.max(0, headings - 1);
  });
}

/** Code in the languages answers use most, a block each, rotated through the sections. */
const CODE_BLOCKS: ReadonlyArray<(index: number) => string> = [
  (index) => ['```ts', `/** Totals of batch ${index}, rounded to cents. */`, `export function total${index}(items: readonly { price: number; count: number }[]): number {`, '  let sum = 0;', '  for (const item of items) sum += item.price * item.count; // each item', "  return Math.round(sum * 100) / 100 + `${'x'}`.length;", '}', '```'].join('\n'),
  (index) => ['```python', `def total_${index}(items: list[dict]) -> float:`, '    """Totals of one batch, rounded to cents."""', '    return round(sum(item["price"] * item["count"] for item in items), 2)', '', `print(total_${index}([{"price": 2.5, "count": ${index}}]))`, '```'].join('\n'),
  (index) => ['```bash', `for file in batch-${index}/*.json; do`, '  echo "== $file" && jq \'.items | length\' "$file"', 'done', `export BATCH=${index}`, '```'].join('\n'),
  (index) => ['```sql', `SELECT model, COUNT(*) AS answers, SUM(cost) AS cost -- batch ${index}`, 'FROM usage_log', `WHERE batch = ${index} AND created_at >= NOW() - INTERVAL '7 days'`, 'GROUP BY model ORDER BY cost DESC;', '```'].join('\n'),
  (index) => ['```json', `{ "batch": ${index}, "items": [{ "price": 2.5, "count": 3 }, { "price": 1, "count": null }], "ok": true }`, '```'].join('\n'),
];

/**
 * The code- and math-heavy answer: each section a heading, two sentences with an inline
 * formula, a display formula and three fenced blocks in different languages, about the size
 * of a {@link benchAnswer} section, so the two answers compare at the same length. Starts with
 * the same heading, for {@link sectionOfEachDelta}.
 */
export function codeBenchAnswer(sections: number, seed = 6): string {
  const random = seededRandom(seed);
  return Array.from({ length: sections }, (_, index) =>
    [
      `${SECTION_HEADING}${index + 1}`,
      '',
      `${words(random, 10)}, so $\\sum_{i=1}^{${index + 2}} p_i c_i$ is the total. ${words(random, 10)} as $x^2 + y_${index}$.`,
      '',
      `$$\\bar{x}_{${index + 1}} = \\frac{1}{n} \\sum_{i=1}^{n} x_i, \\quad \\sigma^2 = \\frac{1}{n} \\sum_{i=1}^{n} (x_i - \\bar{x})^2$$`,
      '',
      ...[0, 1, 2].map((offset) => `${CODE_BLOCKS[(index * 3 + offset) % CODE_BLOCKS.length]!(index + 1)}\n`),
      '',
    ].join('\n'),
  ).join('');
}
