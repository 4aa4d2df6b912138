import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createSseParser, type SseEvent, type SseParserOptions } from '../../../src/sse/parser.js';
import { readWithEventSource } from './event-source.js';
import { startWorker } from '../helpers/sse-mock.js';
import { fixtures, type SseFixture } from './fixtures.js';
import { randomInt, seededRandom } from './seeded-random.js';

/** Everything a parser reported, in a shape that compares with `deep.equal`. */
interface Report {
  events: SseEvent[];
  comments: string[];
  retries: number[];
  errors: number;
}

function recordingParser(options: Partial<SseParserOptions> = {}) {
  const report: Report = { events: [], comments: [], retries: [], errors: 0 };
  const parser = createSseParser({
    onEvent: (event) => report.events.push(event),
    onComment: (comment) => report.comments.push(comment),
    onRetry: (ms) => report.retries.push(ms),
    onError: () => report.errors++,
    ...options,
  });
  return { parser, report };
}

function parseChunks(chunks: string[], maxEventSize?: number): Report {
  const { parser, report } = recordingParser({ maxEventSize });
  for (const chunk of chunks) parser.feed(chunk);
  return report;
}

function expectedReport(fixture: SseFixture): Report {
  return {
    events: fixture.events,
    comments: fixture.comments ?? [],
    retries: fixture.retries ?? [],
    errors: fixture.errors ?? 0,
  };
}

function randomChunks(text: string, seed: number): string[] {
  const random = seededRandom(seed);
  const chunks: string[] = [];
  for (let start = 0; start < text.length; ) {
    // Empty chunks included: a reader can hand over an empty string, even between CR and LF.
    const end = Math.min(text.length, start + randomInt(random, 0, 8));
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks;
}

const RANDOM_SEEDS = 40;

describe('createSseParser', () => {
  for (const fixture of fixtures) {
    describe(fixture.name, () => {
      const expected = expectedReport(fixture);
      const { input, maxEventSize } = fixture;

      it('parses the text fed whole', () => {
        expect(parseChunks([input], maxEventSize)).to.deep.equal(expected);
      });

      // By UTF-16 code unit: harsher than any decoder, which never splits a surrogate pair.
      it('parses the text fed one code unit at a time', () => {
        expect(parseChunks(input.split(''), maxEventSize)).to.deep.equal(expected);
      });

      it('parses the text split in two at every position, empty pieces included', () => {
        for (let split = 0; split <= input.length; split++) {
          const chunks = [input.slice(0, split), input.slice(split)];
          expect(parseChunks(chunks, maxEventSize), `split at ${split}`).to.deep.equal(expected);
        }
      });

      it(`parses the text in ${RANDOM_SEEDS} seeded random chunkings`, () => {
        for (let seed = 1; seed <= RANDOM_SEEDS; seed++) {
          const chunks = randomChunks(input, seed);
          expect(parseChunks(chunks, maxEventSize), `seed ${seed}`).to.deep.equal(expected);
        }
      });
    });
  }

  it('joins a CR and an LF into one line end across an empty chunk', () => {
    const { parser, report } = recordingParser();
    for (const chunk of ['data: a\r', '', '\ndata: b\r', '', '\n\r', '', '\n']) parser.feed(chunk);
    expect(report.events).to.deep.equal([{ data: 'a\nb' }]);
  });

  it('reports an oversized event with a message that names the limit', () => {
    const errors: Error[] = [];
    const parser = createSseParser({
      onEvent: () => {},
      onError: (error) => errors.push(error),
      maxEventSize: 8,
    });
    parser.feed('data: far too long\n\n');
    expect(errors).to.have.length(1);
    expect(errors[0]).to.be.instanceOf(Error);
    expect(errors[0]!.message).to.contain('maxEventSize').and.contain('8');
  });

  it('drops an oversized event silently when there is no onError', () => {
    const { parser, report } = recordingParser({ onError: undefined, maxEventSize: 8 });
    expect(() => parser.feed('data: far too long\n\ndata: ok\n\n')).not.to.throw();
    expect(report.events).to.deep.equal([{ data: 'ok' }]);
  });

  it('refuses a limit that is not a positive number', () => {
    for (const maxEventSize of [0, -1, Number.NaN]) {
      expect(() => createSseParser({ onEvent: () => {}, maxEventSize }), String(maxEventSize)).to.throw(
        RangeError,
        'maxEventSize',
      );
    }
  });

  it('applies a default limit of a few MiB', () => {
    const { parser, report } = recordingParser();
    const piece = 'x'.repeat(64 * 1024);
    parser.feed('data: ');
    for (let i = 0; i < 5 * 16; i++) parser.feed(piece); // 5 MiB in one line
    parser.feed('\n\ndata: after\n\n');
    expect(report.errors).to.equal(1);
    expect(report.events).to.deep.equal([{ data: 'after' }]);
  });

  it('does linear work on a 1.5 MiB event fed one character at a time', () => {
    // A parser that searched or copied its whole buffer per chunk would do about 10^12 steps
    // here and hit the test timeout; a linear one finishes in well under a second.
    const payload = 'abcdefghijklmnopqrstuvwxyz😀\r'.repeat(54_000);
    const input = `data: ${payload.replaceAll('\r', '\r\ndata: ')}\n\n`;
    const { parser, report } = recordingParser();
    for (let i = 0; i < input.length; i++) parser.feed(input[i]!);
    expect(report.events).to.have.length(1);
    expect(report.events[0]!.data).to.equal(payload.replaceAll('\r', '\n'));
  });

  it('reset() forgets the partial line, the pending event, a pending CR and the last id', () => {
    const { parser, report } = recordingParser();
    parser.feed('id: old\ndata: stale\nevent: gone\ndata: partial line');
    parser.reset();
    parser.feed('data: fresh\n\n');
    parser.feed('data: after cr\r');
    parser.reset();
    // Without the reset, this LF would be the second half of the CRLF above, not a blank line.
    parser.feed('\ndata: next\n\n');
    expect(report.events).to.deep.equal([{ data: 'fresh' }, { data: 'next' }]);
  });

  it('reset() ends the discarding of an oversized event', () => {
    const { parser, report } = recordingParser({ maxEventSize: 8 });
    parser.feed('data: far too long\n');
    parser.reset();
    parser.feed('data: ok\n\n');
    expect(report).to.deep.equal({ events: [{ data: 'ok' }], comments: [], retries: [], errors: 1 });
  });

  it('lets an exception from onEvent propagate, and keeps working afterwards', () => {
    const seen: string[] = [];
    const parser = createSseParser({
      onEvent: (event) => {
        seen.push(event.data);
        if (event.data === 'boom') throw new Error('caller bug');
      },
    });
    expect(() => parser.feed('data: boom\n\n')).to.throw('caller bug');
    parser.feed('data: next\n\n');
    expect(seen).to.deep.equal(['boom', 'next']);
  });

  it('never throws on arbitrary text', () => {
    const random = seededRandom(2024);
    const alphabet = ['data', 'id', 'event', 'retry', ':', ' ', '\r', '\n', '\u0000', 'é', '😀', '\uFEFF', '5'];
    const { parser, report } = recordingParser({ maxEventSize: 64 });
    for (let chunk = 0; chunk < 2000; chunk++) {
      let text = '';
      const pieces = randomInt(random, 0, 12);
      for (let i = 0; i < pieces; i++) text += alphabet[randomInt(random, 0, alphabet.length - 1)];
      expect(() => parser.feed(text)).not.to.throw();
    }
    expect(report.events.length, 'the fuzz reached dispatch').to.be.greaterThan(0);
  });
});

describe("the fixtures' expectations, checked against Chromium's EventSource", () => {
  const worker = setupWorker(
    http.get('/sse-parser-fixture/:index', ({ params }) => {
      const { input } = fixtures[Number(params['index'])]!;
      // The browser's decoder drops one leading BOM, so the text its parser sees is `input`.
      const body = new TextEncoder().encode(`\uFEFF${input}`);
      return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } });
    }),
  );
  // Every stream is opened at once (each takes a few hundred ms to end), then each test checks its own.
  const firedByFixture = new Map<SseFixture, Promise<SseEvent[]>>();
  before(async () => {
    await startWorker(worker);
    fixtures.forEach((fixture, index) => {
      const customTypes = fixture.events.flatMap((event) => event.event ?? []);
      firedByFixture.set(fixture, readWithEventSource(`/sse-parser-fixture/${index}`, customTypes));
    });
  });
  after(() => worker.stop());

  for (const fixture of fixtures) {
    // The browser has no event size limit, and shows neither comments nor retry values.
    if (fixture.maxEventSize !== undefined) continue;
    it(fixture.name, async () => {
      const expected = fixture.events.map((event) => ({ ...event, id: event.id ?? '' }));
      expect(await firedByFixture.get(fixture)).to.deep.equal(expected);
    });
  }
});
