import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createStreamRedactor, REDACTED, redactText } from '../../../src/server/redact.js';

const SECRET = 'sk-or-v1-abc123';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Feeds `text` to a fresh redactor cut at `cuts`, and returns everything it let out. */
function redactInPieces(text: string, cuts: readonly number[]): string {
  const bytes = encoder.encode(text);
  const redactor = createStreamRedactor(SECRET);
  const out: Uint8Array[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.byteLength]) {
    out.push(redactor.push(bytes.subarray(start, cut)));
    start = cut;
  }
  out.push(redactor.flush());
  return decoder.decode(Buffer.concat(out));
}

describe('stream redaction', () => {
  const fixtures: Array<[string, string]> = [
    ['no secret: data: {"x":"sk-or-v1-abc12"}\n\n', 'no secret: data: {"x":"sk-or-v1-abc12"}\n\n'],
    [`data: ${SECRET}\n\n`, `data: ${REDACTED}\n\n`],
    [`${SECRET}${SECRET}`, `${REDACTED}${REDACTED}`],
    [`s${SECRET}sk-${SECRET}ü€`, `s${REDACTED}sk-${REDACTED}ü€`],
    [`data: "Bearer ${SECRET}" and again ${SECRET}\n\n: ${SECRET}\n\n`, `data: "Bearer ${REDACTED}" and again ${REDACTED}\n\n: ${REDACTED}\n\n`],
  ];
  for (const [input, expected] of fixtures) {
    it(`redacts ${JSON.stringify(input.slice(0, 40))} split at every position, and every pair of positions`, () => {
      const length = encoder.encode(input).byteLength;
      for (let first = 0; first <= length; first += 1) {
        assert.equal(redactInPieces(input, [first]), expected, `cut at ${first}`);
        for (let second = first; second <= length; second += 1) {
          assert.equal(redactInPieces(input, [first, second]), expected, `cut at ${first}, ${second}`);
        }
      }
    });
  }

  it('passes a chunk without the secret through as the same bytes, uncopied', () => {
    const redactor = createStreamRedactor(SECRET);
    const chunk = encoder.encode('data: {"choices":[]}\n\n');
    assert.equal(redactor.push(chunk), chunk);
  });

  it('holds back a tail that may start the secret until the next chunk says', () => {
    const redactor = createStreamRedactor(SECRET);
    assert.equal(decoder.decode(redactor.push(encoder.encode('data: sk-or'))), 'data: ');
    assert.equal(decoder.decode(redactor.push(encoder.encode('ange\n\n'))), 'sk-orange\n\n');
  });

  it('at the end, lets a short held tail through but not a long piece of the secret', () => {
    const short = createStreamRedactor(SECRET);
    short.push(encoder.encode('data: sk-o'));
    assert.equal(decoder.decode(short.flush()), 'sk-o');
    const long = createStreamRedactor(SECRET);
    long.push(encoder.encode(`data: ${SECRET.slice(0, -1)}`));
    assert.equal(decoder.decode(long.flush()), REDACTED);
  });

  it('redacts text', () => {
    assert.equal(redactText(`a ${SECRET} b ${SECRET}`, SECRET), `a ${REDACTED} b ${REDACTED}`);
    assert.equal(redactText('nothing here', SECRET), 'nothing here');
  });
});
