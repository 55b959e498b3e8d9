import { describe, expect, it } from 'vitest';
import { ChannelQueue } from '../../../src-main/core/connectors/ssh/channel-queue';
import { mapSshError } from '../../../src-main/core/connectors/ssh/ssh-errors';

const t = { name: 'db-1', address: '203.0.113.5', port: 22, username: 'deploy' };
const err = (message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), extra);

describe('mapSshError: one code per failure, with a hint', () => {
  it.each([
    [err('connect ECONNREFUSED', { code: 'ECONNREFUSED', level: 'client-socket' }), 'SSH_UNREACHABLE', 'Cannot reach db-1 (203.0.113.5:22): connection refused.'],
    [err('connect EHOSTUNREACH', { code: 'EHOSTUNREACH' }), 'SSH_UNREACHABLE', 'Cannot reach db-1 (203.0.113.5:22): no route to host.'],
    [err('getaddrinfo ENOTFOUND', { code: 'ENOTFOUND', level: 'client-dns' }), 'SSH_UNREACHABLE', 'Cannot reach db-1 (203.0.113.5:22): the name does not resolve.'],
    [err('Timed out while waiting for handshake', { level: 'client-timeout' }), 'SSH_TIMEOUT', 'db-1 (203.0.113.5:22) did not complete the SSH handshake within 10 s.'],
    [err('Keepalive timeout', { level: 'client-timeout' }), 'SSH_TIMEOUT', 'db-1 (203.0.113.5:22) stopped answering (no reply to 3 keepalives).'],
    [err('All configured authentication methods failed', { level: 'client-authentication' }), 'SSH_AUTH_FAILED', 'db-1 (203.0.113.5:22) refused the login of deploy (tried: password).'],
    [err('(SSH) Channel open failure: open failed'), 'SSH_CHANNEL', 'db-1 (203.0.113.5:22) refused to open a channel: (SSH) Channel open failure: open failed.'],
    [err('No response from server'), 'SSH_CLOSED', 'The connection to db-1 (203.0.113.5:22) closed.'],
  ])('%s → %s', (e, code, message) => {
    const mapped = mapSshError(e, t, { phase: 'connect', authTried: ['password'], timeoutMs: 10_000 });
    expect(mapped.code).toBe(code);
    expect(mapped.message).toBe(message);
    expect(mapped.hint).toBeTruthy();
  });

  it('never carries a secret a library put in a message', () => {
    const m = mapSshError(err('weird failure password=hunter2 at postgres://u:pw@h/db'), t);
    expect(m.message).not.toContain('hunter2');
    expect(m.message).not.toContain(':pw@');
  });

  it('says when the failure was on the jump host', () => {
    expect(mapSshError(err('x', { code: 'ECONNREFUSED' }), { ...t, via: 'jump' }).message).toBe('Cannot reach jump host db-1 (203.0.113.5:22): connection refused.');
  });
});

describe('ChannelQueue', () => {
  it('never runs more than the limit at once, and hands slots on in order', async () => {
    const q = new ChannelQueue(8);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const release = await q.acquire();
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 1 + (i % 3)));
        order.push(i);
        running--;
        release();
        release(); // idempotent
      }),
    );
    expect(peak).toBe(8);
    expect(order).toHaveLength(50);
    expect(q.inUse).toBe(0);
  });

  it('a waiter can be cancelled', async () => {
    const q = new ChannelQueue(1);
    const r1 = await q.acquire();
    const ac = new AbortController();
    const waiting = q.acquire(ac.signal);
    ac.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'CANCELLED' });
    r1();
    expect(q.inUse).toBe(0);
  });
});
