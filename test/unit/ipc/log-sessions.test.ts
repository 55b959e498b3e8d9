import { describe, expect, it } from 'vitest';
import { LogStreamOpen, type EventName, type EventPayload, type LogSource } from '../../../src-main/contract';
import type { SourceLine, SourceSink } from '../../../src-main/core/logs/follow/types';
import { createLogSessions, type LogFollowing } from '../../../src-main/ipc/log-sessions';
import type { CallContext } from '../../../src-main/ipc/types';

const nullFields = { ts: null, level: null, status: null, path: null, latencyMs: null };

/** Followers the test drives by hand. */
function fakeFollowing() {
  const sinks = new Map<string, SourceSink>();
  let stopped = 0;
  const following: LogFollowing = {
    check: (s) => {
      if (s.type === 'file' && s.hostId === 'hst_missing') throw new Error('no host');
    },
    follow: (source, _tail, sink) => {
      sinks.set(source.type === 'file' ? source.path : 'other', sink);
      return { stop: () => void stopped++ };
    },
    // "t=123 …" lines carry their time.
    parserFor: () => (text) => {
      const m = /t=(\d+)/.exec(text);
      return { ...nullFields, ts: m ? Number(m[1]) : null };
    },
    aggregatorFor: () => null,
  };
  return { following, sinks, stopped: () => stopped };
}

function connection() {
  const data: EventPayload<'logs.data'>[] = [];
  const status: EventPayload<'logs.status'>[] = [];
  const ctx: CallContext = {
    connectionId: 'c1',
    send<K extends EventName>(name: K, payload: EventPayload<K>) {
      if (name === 'logs.data') data.push(payload as EventPayload<'logs.data'>);
      if (name === 'logs.status') status.push(payload as EventPayload<'logs.status'>);
    },
  };
  return { ctx, data, status };
}

const file = (path: string): LogSource => ({ type: 'file', hostId: 'hst_1', path, format: { kind: 'plain' } });
const line = (text: string): SourceLine => ({ text, truncatedBytes: 0, ts: null, at: Date.now() });
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('log sessions', () => {
  it('merges the history of two sources by time, then sends live lines in arrival order with increasing seq', async () => {
    const f = fakeFollowing();
    const c = connection();
    const sessions = createLogSessions(f.following, { batchMs: 5 });
    const { streamId } = sessions.open(LogStreamOpen.parse({ kind: 'logs', sources: [file('/a'), file('/b')] }), c.ctx);
    await tick(5);
    const a = f.sinks.get('/a')!;
    const b = f.sinks.get('/b')!;
    a.initial([line('a1 t=10'), line('a2 t=30')]);
    b.lines([line('b-live-1')]); // live before the history of every source arrived: held
    b.initial([line('b1 t=20'), line('b2 t=40')]);
    a.lines([line('a-live-1')]);
    a.status('following', null);
    await tick(30);
    const lines = c.data.flatMap((d) => d.lines);
    expect(lines.map((l) => l.text)).toEqual(['a1 t=10', 'b1 t=20', 'a2 t=30', 'b2 t=40', 'b-live-1', 'a-live-1']);
    expect(lines.map((l) => l.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(lines[0]).toMatchObject({ sourceKey: 'file:hst_1:/a', ts: 10, tsFromLine: true, truncatedBytes: 0 });
    expect(lines[4]!.tsFromLine).toBe(false);
    expect(c.status).toEqual([expect.objectContaining({ streamId, sourceKey: 'file:hst_1:/a', state: 'following', message: null })]);
    sessions.dispose();
  });

  it('sends at most 1000 lines per batch, pauses after 8 unacknowledged batches, and reports overflow as skipped', async () => {
    const f = fakeFollowing();
    const c = connection();
    const sessions = createLogSessions(f.following, { batchMs: 5, initialWaitMs: 10 });
    const { streamId } = sessions.open(LogStreamOpen.parse({ kind: 'logs', sources: [file('/a')], bufferLines: 1000 }), c.ctx);
    await tick(5);
    const a = f.sinks.get('/a')!;
    a.initial([]);
    let n = 0;
    const push = (k: number) => a.lines(Array.from({ length: k }, () => line(`n=${n++}`)));
    for (let i = 0; i < 8; i++) {
      push(1000);
      await tick(10);
    }
    expect(c.data).toHaveLength(8);
    expect(c.data.every((d) => d.lines.length <= 1000 && d.skipped === 0)).toBe(true);
    expect(sessions.stats(streamId)).toMatchObject({ paused: true, batches: 8 });
    // Paused: 2,500 more lines into a 1,000-line buffer → the 1,500 oldest unsent are dropped.
    push(2500);
    await tick(20);
    expect(c.data).toHaveLength(8);
    sessions.ack(streamId, 8, c.ctx);
    await tick(20);
    expect(c.data[8]!.skipped).toBe(1500);
    expect(c.data[8]!.lines[0]!.text).toBe(`n=${8000 + 1500}`);
    const all = c.data.flatMap((d) => d.lines);
    // Every line is either delivered or counted: nothing silently lost; seq has exactly the announced gap.
    expect(all.length + c.data.reduce((s, d) => s + d.skipped, 0)).toBe(n);
    for (let i = 1; i < all.length; i++) expect(all[i]!.seq).toBeGreaterThan(all[i - 1]!.seq);
    expect(all[8000]!.seq - all[7999]!.seq).toBe(1501);
    sessions.dispose();
  });

  it('acks from another connection are ignored; close and closeConnection stop the followers', async () => {
    const f = fakeFollowing();
    const c = connection();
    const sessions = createLogSessions(f.following, { batchMs: 5 });
    const { streamId } = sessions.open(LogStreamOpen.parse({ kind: 'logs', sources: [file('/a'), file('/b')] }), c.ctx);
    await tick(5);
    sessions.ack(streamId, 5, { ...c.ctx, connectionId: 'other' });
    expect(sessions.stats(streamId)!.acked).toBe(0);
    sessions.close(streamId, { ...c.ctx, connectionId: 'other' });
    expect(sessions.owns(streamId)).toBe(true);
    sessions.close(streamId, c.ctx);
    expect(sessions.owns(streamId)).toBe(false);
    expect(f.stopped()).toBe(2);
    const second = sessions.open(LogStreamOpen.parse({ kind: 'logs', sources: [file('/c')] }), c.ctx);
    await tick(5);
    sessions.closeConnection('c1');
    expect(sessions.owns(second.streamId)).toBe(false);
    expect(f.stopped()).toBe(3);
  });

  it('refuses a source whose host does not exist, before any follower starts', () => {
    const f = fakeFollowing();
    const sessions = createLogSessions(f.following);
    expect(() => sessions.open(LogStreamOpen.parse({ kind: 'logs', sources: [{ ...file('/a'), hostId: 'hst_missing' }] }), connection().ctx)).toThrow();
    expect(f.sinks.size).toBe(0);
  });
});

describe('log sessions: a slow source', () => {
  it('history that comes after the wait is still sent, after the lines already flowing', async () => {
    const f = fakeFollowing();
    const c = connection();
    const sessions = createLogSessions(f.following, { batchMs: 5, initialWaitMs: 20 });
    sessions.open(LogStreamOpen.parse({ kind: 'logs', sources: [file('/a'), file('/slow')] }), c.ctx);
    await tick(5);
    f.sinks.get('/a')!.initial([line('a1 t=1')]);
    await tick(40);
    f.sinks.get('/a')!.lines([line('a-live')]);
    f.sinks.get('/slow')!.initial([line('s1 t=0'), line('s2 t=2')]);
    await tick(30);
    const lines = c.data.flatMap((d) => d.lines);
    expect(lines.map((l) => l.text)).toEqual(['a1 t=1', 'a-live', 's1 t=0', 's2 t=2']);
    expect(lines.map((l) => l.seq)).toEqual([1, 2, 3, 4]);
    sessions.dispose();
  });
});
