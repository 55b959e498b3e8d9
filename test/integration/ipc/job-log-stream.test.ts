import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../src-main/contract';
import { composeApp, type ComposedApp } from '../../../src-main/ipc/compose';
import type { CallContext } from '../../../src-main/ipc/types';

let app: ComposedApp;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'opsdeck-stream-'));
  app = await composeApp({ dataDir, host: 'serve', version: 'test', envKey: 'c3'.repeat(32) });
});
afterAll(() => {
  app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('job log streams', () => {
  it('pauses when the UI stops acknowledging, resumes on ack, and delivers every line once, in order', async () => {
    const LINES = 6000;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const job = app.core.jobs.start('test.lines', 'Write lines', 'test', async (ctx) => {
      for (let i = 0; i < LINES; i++) ctx.log('info', `line ${i}`);
      await gate;
      return { written: LINES };
    });

    const batches: EventPayload<'stream.data'>[] = [];
    const ctx: CallContext = {
      connectionId: 'ui-1',
      send: (name, payload) => {
        if (name === 'stream.data') batches.push(payload as EventPayload<'stream.data'>);
      },
    };
    const opened = await app.dispatch('streams.open', { kind: 'job-log', jobId: job.id }, ctx);
    expect(opened.ok).toBe(true);
    const { streamId } = (opened as { value: { streamId: string } }).value;

    // No acknowledgement: the hub stops after its window of 8 batches, and stays stopped.
    for (let waited = 0; batches.length < 8 && waited < 10_000; waited += 50) await sleep(50);
    await sleep(500);
    expect(batches.length).toBe(8);
    const sentBeforeAck = batches.reduce((n, b) => n + b.items.length, 0);
    expect(sentBeforeAck).toBe(8 * 500);

    // Acknowledge as the UI would, until the job is done and the stream says so.
    release();
    for (let round = 0; round < 100 && !batches.at(-1)?.done; round++) {
      await app.dispatch('streams.ack', { streamId, seq: batches.at(-1)!.seq }, ctx);
      await sleep(50);
    }
    expect(batches.at(-1)!.done).toBe(true);
    const seqs = batches.map((b) => b.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const texts = batches.flatMap((b) => b.items.map((l) => l.text));
    expect(texts.length).toBe(LINES);
    expect(texts.every((t, i) => t === `line ${i}`)).toBe(true);
    expect(batches.every((b) => b.skipped === 0)).toBe(true);
  });

  it('refuses a stream for a job that does not exist', async () => {
    const other: CallContext = { connectionId: 'ui-2', send: () => {} };
    const r = await app.dispatch('streams.open', { kind: 'job-log', jobId: 'job_doesnotexist' }, other);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('NOT_FOUND');
  });
});
