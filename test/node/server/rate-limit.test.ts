import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryRateLimiter, resolveClientAddress } from '../../../src/server/rate-limit.js';

const request = new Request('http://proxy.test/api/chat', { method: 'POST' });

describe('createMemoryRateLimiter', () => {
  it('allows `limit` requests per window per client, then says when to retry', async () => {
    let time = 1_000_000;
    const limit = createMemoryRateLimiter({ limit: 2, windowMs: 10_000, now: () => time });
    const client = { clientAddress: '203.0.113.5' };
    assert.deepEqual(await limit(request, client), { ok: true });
    time += 4_000;
    assert.deepEqual(await limit(request, client), { ok: true });
    assert.deepEqual(await limit(request, client), { ok: false, retryAfterSeconds: 6 });
    assert.deepEqual(await limit(request, { clientAddress: '203.0.113.6' }), { ok: true }, 'another client has its own window');
    time += 6_000;
    assert.deepEqual(await limit(request, client), { ok: true }, 'a new window starts after the old one');
  });

  it('forgets the oldest clients past maxClients, so memory stays bounded', async () => {
    const limit = createMemoryRateLimiter({ limit: 1, windowMs: 60_000, maxClients: 2, now: () => 0 });
    await limit(request, { clientAddress: 'a' });
    await limit(request, { clientAddress: 'b' });
    await limit(request, { clientAddress: 'c' });
    assert.equal((await limit(request, { clientAddress: 'a' })).ok, true, '"a" was evicted, so it starts afresh');
    assert.equal((await limit(request, { clientAddress: 'c' })).ok, false, '"c" is still remembered');
  });

  it('counts an IPv6 client by its /64 network, which it can pick addresses from at will', async () => {
    const limit = createMemoryRateLimiter({ limit: 2, now: () => 0 });
    const ask = async (clientAddress: string) => (await limit(request, { clientAddress })).ok;
    assert.equal(await ask('2001:db8:1:2::a'), true);
    assert.equal(await ask('2001:0db8:0001:0002:ffff:0:0:b'), true, 'another address of the same /64, written out');
    assert.equal(await ask('[2001:DB8:1:2::c%eth0]'), false, 'a third one, bracketed, upper case, with a zone: over the limit');
    assert.equal(await ask('2001:db8:1:3::a'), true, 'the next /64 has its own window');
  });

  it('counts IPv4 written as IPv6 (a dual-stack socket) as that IPv4 address', async () => {
    const limit = createMemoryRateLimiter({ limit: 1, now: () => 0 });
    assert.equal((await limit(request, { clientAddress: '::ffff:203.0.113.5' })).ok, true);
    assert.equal((await limit(request, { clientAddress: '203.0.113.5' })).ok, false);
    assert.equal((await limit(request, { clientAddress: '203.0.113.6' })).ok, true, 'a neighbour is another client');
  });

  it('keeps an address that is neither IPv4 nor IPv6 as it is', async () => {
    const limit = createMemoryRateLimiter({ limit: 1, now: () => 0 });
    for (const clientAddress of ['1:2:3', '1::2::3', 'g::1', 'client-a']) {
      assert.equal((await limit(request, { clientAddress })).ok, true, clientAddress);
      assert.equal((await limit(request, { clientAddress })).ok, false, clientAddress);
    }
  });

  it('puts requests of unknown address in one shared window', async () => {
    const limit = createMemoryRateLimiter({ limit: 1, now: () => 0 });
    assert.equal((await limit(request, { clientAddress: undefined })).ok, true);
    assert.equal((await limit(request, { clientAddress: undefined })).ok, false);
  });

  it('refuses nonsensical settings', () => {
    assert.throws(() => createMemoryRateLimiter({ limit: 0 }), TypeError);
    assert.throws(() => createMemoryRateLimiter({ windowMs: -1 }), TypeError);
  });
});

describe('resolveClientAddress', () => {
  const forwarded = new Request('http://proxy.test/', { headers: { 'x-forwarded-for': '6.6.6.6, 198.51.100.7, 10.0.0.2' } });

  it('ignores x-forwarded-for unless proxies are trusted', () => {
    assert.equal(resolveClientAddress(forwarded, '10.0.0.3', 0), '10.0.0.3');
  });

  it('takes the entry the outermost trusted proxy wrote, never one the client could forge', () => {
    assert.equal(resolveClientAddress(forwarded, '10.0.0.3', 1), '10.0.0.2');
    assert.equal(resolveClientAddress(forwarded, '10.0.0.3', 2), '198.51.100.7');
  });

  it('falls back to the reported address when the header is shorter than the trusted chain', () => {
    assert.equal(resolveClientAddress(request, '10.0.0.3', 1), '10.0.0.3');
  });
});
