import type { SseEvent } from '../../../src/sse/parser.js';

/** One event-stream text and everything the parser must report for it, however it is split. */
export interface SseFixture {
  name: string;
  input: string;
  events: SseEvent[];
  comments?: string[];
  retries?: number[];
  /** How many oversized events are reported through `onError`. */
  errors?: number;
  maxEventSize?: number;
}

export const fixtures: SseFixture[] = [
  {
    name: 'one event',
    input: 'data: hello\n\n',
    events: [{ data: 'hello' }],
  },
  {
    name: 'several events in one text',
    input: 'data: a\n\ndata: b\n\ndata: c\n\n',
    events: [{ data: 'a' }, { data: 'b' }, { data: 'c' }],
  },
  {
    name: 'CRLF line ends, a CRLF being one line end',
    input: 'data: a\r\ndata: b\r\n\r\n',
    events: [{ data: 'a\nb' }],
  },
  {
    name: 'lone CR line ends',
    input: 'data: a\rdata: b\r\r',
    events: [{ data: 'a\nb' }],
  },
  {
    name: 'CR CR is two line ends, so a blank line',
    input: 'data: x\r\rdata: y\r\r',
    events: [{ data: 'x' }, { data: 'y' }],
  },
  {
    name: 'LF CR is two line ends, so a blank line',
    input: 'data: x\n\rdata: y\n\r',
    events: [{ data: 'x' }, { data: 'y' }],
  },
  {
    name: 'mixed line ends',
    input: 'data: a\r\ndata: b\rdata: c\n\r\ndata: d\r\n\n',
    events: [{ data: 'a\nb\nc' }, { data: 'd' }],
  },
  {
    name: 'CRLF between two blank lines',
    input: 'data: a\r\n\r\n\r\ndata: b\r\n\r\n',
    events: [{ data: 'a' }, { data: 'b' }],
  },
  {
    name: 'U+FEFF at the start of a line is text, so the field name is unknown',
    input: '\uFEFFdata: hidden\n\ndata: shown\n\n',
    events: [{ data: 'shown' }],
  },
  {
    name: 'U+FEFF inside a value is kept',
    input: 'data: \uFEFFx\n\n',
    events: [{ data: '\uFEFFx' }],
  },
  {
    name: 'a field without a colon has an empty value',
    input: 'data\n\ndata\ndata\n\n',
    events: [{ data: '' }, { data: '\n' }],
  },
  {
    name: 'data with and without the space after the colon',
    input: 'data:no-space\n\ndata: one-space\n\n',
    events: [{ data: 'no-space' }, { data: 'one-space' }],
  },
  {
    name: 'only one leading space is stripped, and only a space',
    input: 'data:  two\n\ndata:\ttab\n\ndata: \n\ndata:\n\n',
    events: [{ data: ' two' }, { data: '\ttab' }, { data: '' }, { data: '' }],
  },
  {
    name: 'multi-line data joins with LF, blank data lines included',
    input: 'data: first\ndata:\ndata: third\n\n',
    events: [{ data: 'first\n\nthird' }],
  },
  {
    name: 'a colon inside a value is content',
    input: 'data: a:b: c\n\nevent:: odd\ndata: x\n\n',
    events: [{ data: 'a:b: c' }, { data: 'x', event: ': odd' }],
  },
  {
    name: 'the event type applies to one event, then resets',
    input: 'event: add\ndata: 1\n\ndata: 2\n\n',
    events: [{ data: '1', event: 'add' }, { data: '2' }],
  },
  {
    name: 'the event type resets even when nothing fires',
    input: 'event: lost\n\ndata: 1\n\n',
    events: [{ data: '1' }],
  },
  {
    name: 'an empty event type means the default',
    input: 'event: x\nevent:\ndata: 1\n\n',
    events: [{ data: '1' }],
  },
  {
    name: 'a blank line with an empty data buffer fires nothing',
    input: '\n\n\r\n\r\rdata: only\n\n\n\n',
    events: [{ data: 'only' }],
  },
  {
    name: 'the last event id persists across events',
    input: 'id: 1\ndata: a\n\ndata: b\n\nid: 2\n\ndata: c\n\n',
    events: [
      { data: 'a', id: '1' },
      { data: 'b', id: '1' },
      { data: 'c', id: '2' },
    ],
  },
  {
    name: 'an id after the data in the same block still applies',
    input: 'data: a\nid: late\n\n',
    events: [{ data: 'a', id: 'late' }],
  },
  {
    name: 'an id containing NUL is ignored',
    input: 'id: 1\n\nid: a\u0000b\ndata: x\n\n',
    events: [{ data: 'x', id: '1' }],
  },
  {
    name: 'an id with an empty value resets it to the empty string',
    input: 'id: 1\ndata: a\n\nid\ndata: b\n\nid: 2\nid:\ndata: c\n\n',
    events: [
      { data: 'a', id: '1' },
      { data: 'b', id: '' },
      { data: 'c', id: '' },
    ],
  },
  {
    name: 'retry only when every character is an ASCII digit',
    input:
      'retry: 1000\n\nretry: 10a\nretry: -1\nretry:\nretry: 1.5\nretry:  20\n' +
      'retry: \uFF11\nretry: 99999999999999999999\nretry:0\nretry: 3000\ndata: x\n\n',
    events: [{ data: 'x' }],
    retries: [1000, 0, 3000],
  },
  {
    name: 'unknown fields are ignored and field names are case-sensitive',
    input: 'foo: bar\nDATA: upper\nData: mixed\n data: lead\ndata : sp\ndata: kept\n\n',
    events: [{ data: 'kept' }],
  },
  {
    name: 'a line of spaces is not blank',
    input: 'data: a\n  \ndata: b\n\n',
    events: [{ data: 'a\nb' }],
  },
  {
    name: 'an unterminated last event is not dispatched',
    input: 'data: a\n\ndata: b\n',
    events: [{ data: 'a' }],
  },
  {
    name: 'an unterminated last line is not dispatched',
    input: 'data: a\n\ndata: b',
    events: [{ data: 'a' }],
  },
  {
    name: 'comments before and between data, with one space stripped',
    input:
      ': OPENROUTER PROCESSING\n\n: OPENROUTER PROCESSING\ndata: a\n: between\ndata: b\n\n' +
      ':no-space\n:\n:  two\n',
    events: [{ data: 'a\nb' }],
    comments: ['OPENROUTER PROCESSING', 'OPENROUTER PROCESSING', 'between', 'no-space', '', ' two'],
  },
  {
    name: '[DONE] is plain data',
    input: 'data: {"a":1}\n\ndata: [DONE]\n\n',
    events: [{ data: '{"a":1}' }, { data: '[DONE]' }],
  },
  {
    name: 'non-ASCII text and emoji',
    input: 'data: héllo 😀 世界 👩‍💻\n\nevent: ünï\ndata: ok\n\n',
    events: [{ data: 'héllo 😀 世界 👩‍💻' }, { data: 'ok', event: 'ünï' }],
  },
  {
    name: 'NUL inside data is kept',
    input: 'data: a\u0000b\n\n',
    events: [{ data: 'a\u0000b' }],
  },
  {
    name: 'an oversized event is reported, dropped with its fields, and parsing carries on',
    maxEventSize: 16,
    input:
      'data: small\n\ndata: 0123456789abcdef\nid: 7\nevent: big\ndata: more\nretry: 5\n\n' +
      'data: after\n\n',
    events: [{ data: 'small' }, { data: 'after' }],
    errors: 1,
  },
  {
    name: 'an event whose data lines add up past the limit is dropped',
    maxEventSize: 16,
    input: 'data: 12345678\ndata: 12345678\ndata: 1\n\ndata: next\n\n',
    events: [{ data: 'next' }],
    errors: 1,
  },
  {
    name: 'an oversized comment or unterminated line is dropped too',
    maxEventSize: 16,
    input:
      ': a comment much longer than sixteen\ndata: x\n\n' +
      'data: y\n\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    events: [{ data: 'y' }],
    errors: 2,
  },
  {
    name: 'an event exactly at the limit is kept',
    maxEventSize: 16,
    input: 'data: 0123456789\n\n',
    events: [{ data: '0123456789' }],
  },
];
