import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, expect } from 'vitest';
import { LogStreamOpen, type EventName, type EventPayload, type LogLine, type LogSource } from '../../../src-main/contract';
import { composeApp, type ComposedApp } from '../../../src-main/ipc/compose';
import type { CallContext } from '../../../src-main/ipc/types';
import { capabilities, startDroplet, type Droplet } from '../../fleet';
import { addHost, trust } from '../ssh/ssh-helpers';

/** A droplet, a composed app with the droplet as a host, and a log dir the login user can read. */
export interface LogFleet {
  d: Droplet;
  app: ComposedApp;
  hostId: string;
  logDir: string;
  stop(): Promise<void>;
}

export async function startLogFleet(): Promise<LogFleet> {
  const dataDir = mkdtempSync(join(tmpdir(), 'opsdeck-logs-'));
  const [d, app] = await Promise.all([startDroplet(), composeApp({ dataDir, host: 'serve', version: 'test', envKey: randomBytes(32).toString('hex') })]);
  const project = app.core.inventory.createProject({ name: 'Logs', description: '' });
  const envId = app.core.inventory.createEnvironment({ projectId: project.id, name: 'production', kind: 'production' }).id;
  const hostId = addHost(app.core, envId, d, 'key', { name: 'web-1' }).id;
  await trust(app.core, hostId, d);
  // The login user's home when it has its own (root); else the droplet dir (home is the real one).
  const logDir = join(capabilities.separateLoginUser ? d.home : d.dir, `logs-${randomBytes(3).toString('hex')}`);
  mkdirSync(logDir, { recursive: true });
  chmodSync(logDir, 0o755);
  return {
    d,
    app,
    hostId,
    logDir,
    async stop() {
      app.close();
      rmSync(dataDir, { recursive: true, force: true });
      await d.stop();
    },
  };
}

/** A UI connection as the tests see it: every event, batches acknowledged as they come. */
export function uiConnection(opts: { autoAck?: boolean } = {}) {
  const events: { name: EventName; payload: unknown; at: number }[] = [];
  const lines: LogLine[] = [];
  const statuses: EventPayload<'logs.status'>[] = [];
  const batches: EventPayload<'logs.data'>[] = [];
  let skipped = 0;
  let ackFn: ((streamId: string, seq: number) => void) | null = null;
  const ctx: CallContext = {
    connectionId: `conn-${randomBytes(4).toString('hex')}`,
    send<K extends EventName>(name: K, payload: EventPayload<K>) {
      events.push({ name, payload, at: Date.now() });
      if (name === 'logs.data') {
        const p = payload as EventPayload<'logs.data'>;
        batches.push(p);
        lines.push(...p.lines);
        skipped += p.skipped;
        if (opts.autoAck !== false) queueMicrotask(() => ackFn?.(p.streamId, p.seq));
      }
      if (name === 'logs.status') statuses.push(payload as EventPayload<'logs.status'>);
    },
  };
  return {
    ctx,
    events,
    lines,
    statuses,
    batches,
    skipped: () => skipped,
    attach(app: ComposedApp) {
      ackFn = (streamId, seq) => void app.hub.handlers['streams.ack']({ streamId, seq }, ctx);
    },
    async open(app: ComposedApp, sources: LogSource[], extra: { tail?: number; bufferLines?: number } = {}): Promise<string> {
      this.attach(app);
      const input = LogStreamOpen.parse({ kind: 'logs', sources, ...extra });
      const r = await app.hub.handlers['streams.open'](input, ctx);
      return (r as { streamId: string }).streamId;
    },
  };
}

export const until = async (cond: () => boolean, ms: number, what = 'condition') => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

/**
 * A writer process appending `seq=N t=EPOCHMS …` lines to a file at a fixed rate (O_APPEND, 10
 * lines per write every 10 ms = 1000 lines/s), taking commands on stdin:
 *   rename        rename PATH → PATH.1, write 5 more lines to the old file, then reopen PATH
 *   copytruncate  pause, copy PATH → PATH.1, truncate PATH, resume (logrotate's copytruncate
 *                 with the writer paused for the copy-and-truncate instant)
 *   stop          stop writing; replies with the count
 * Replies "ok <seq>" (the next seq to write) to each command.
 */
const WRITER = String.raw`
const fs = require('node:fs');
const [path, rate] = process.argv.slice(1);
let fd = fs.openSync(path, 'a');
let seq = 0, paused = false;
const pad = 'x'.repeat(24);
const per = Math.max(1, Math.round(Number(rate) / 100));
const write = (n, into) => { let s = ''; for (let i = 0; i < n; i++) s += 'seq=' + (seq++) + ' t=' + Date.now() + ' ' + pad + '\n'; fs.writeSync(into ?? fd, s); };
const timer = setInterval(() => { if (!paused) write(per); }, 10);
require('node:readline').createInterface({ input: process.stdin }).on('line', (cmd) => {
  if (cmd === 'rename') {
    fs.renameSync(path, path + '.1');
    write(5);
    fs.closeSync(fd); fd = fs.openSync(path, 'a');
  } else if (cmd === 'copytruncate') {
    paused = true;
    fs.copyFileSync(path, path + '.1');
    fs.truncateSync(path, 0);
    paused = false;
  } else if (cmd === 'stop') {
    clearInterval(timer);
  }
  process.stdout.write('ok ' + seq + '\n');
  if (cmd === 'stop') process.exit(0);
});
`;

export function startWriter(path: string, linesPerSecond = 1000) {
  const child: ChildProcess = spawn(process.execPath, ['-e', WRITER, path, String(linesPerSecond)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const replies: ((seq: number) => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (l) => replies.shift()?.(Number(l.split(' ')[1])));
  const command = (c: 'rename' | 'copytruncate' | 'stop') =>
    new Promise<number>((resolve) => {
      replies.push(resolve);
      child.stdin!.write(`${c}\n`);
    });
  return {
    command,
    kill: () => child.kill('SIGKILL'),
  };
}

/** Every `seq=N` of the received lines, checked: 0 … total−1 each exactly once, in order. */
export function checkSequence(lines: LogLine[], total: number): { gaps: number[]; duplicates: number[]; outOfOrder: number } {
  const seen = new Uint8Array(total);
  const duplicates: number[] = [];
  let outOfOrder = 0;
  let last = -1;
  for (const l of lines) {
    const m = /^seq=(\d+) /.exec(l.text);
    if (!m) continue;
    const n = Number(m[1]);
    if (n < last) outOfOrder++;
    last = n;
    if (n >= total) continue;
    if (seen[n]) duplicates.push(n);
    seen[n] = 1;
  }
  const gaps: number[] = [];
  for (let i = 0; i < total; i++) if (!seen[i]) gaps.push(i);
  return { gaps, duplicates, outOfOrder };
}

/**
 * Starts a log fleet before the calling file's tests and stops it after them. Returns a getter
 * for the running fleet (call it inside a test).
 */
export function useLogFleet(): () => LogFleet {
  let f: LogFleet | undefined;
  beforeAll(async () => {
    f = await startLogFleet();
  }, 60_000);
  afterAll(async () => {
    await f?.stop();
  });
  return () => f!;
}

/** What a torture run hands its disruptions: the followed file, its writer, the UI and the stream. */
export interface TortureRun {
  path: string;
  writer: ReturnType<typeof startWriter>;
  ui: ReturnType<typeof uiConnection>;
  streamId: string;
}

/**
 * The frame of a follow torture test: a writer appends 1,000 sequence-numbered lines per second
 * to LOGDIR/app.log, a UI connection follows it from its start (tail 100,000) until the first
 * 200 lines arrived, then `disrupt` runs; the writer is killed whatever happens.
 */
export async function tortureFollow(f: LogFleet, disrupt: (t: TortureRun) => Promise<void>): Promise<void> {
  const path = join(f.logDir, 'app.log');
  const writer = startWriter(path, 1000);
  const ui = uiConnection();
  try {
    await new Promise((r) => setTimeout(r, 300));
    const streamId = await ui.open(f.app, [{ type: 'file', hostId: f.hostId, path, format: { kind: 'plain' } }], { tail: 100_000 });
    await until(() => ui.lines.length > 200, 10_000, 'first lines');
    await disrupt({ path, writer, ui, streamId });
  } finally {
    writer.kill();
  }
}

/**
 * Stops the writer after a short pause and waits (up to 10 s) for every line it wrote: the
 * number of lines written and the sequence check of what the UI received.
 */
export async function stopAndCheck(t: TortureRun): Promise<{ total: number; gaps: number[]; duplicates: number[]; outOfOrder: number }> {
  await new Promise((r) => setTimeout(r, 300));
  const total = await t.writer.command('stop');
  await until(() => checkSequence(t.ui.lines, total).gaps.length === 0, 10_000, 'every line').catch(() => undefined);
  return { total, ...checkSequence(t.ui.lines, total) };
}

/** Every line arrived exactly once, in order, and none was skipped. */
export function expectEveryLineOnce(t: TortureRun, r: { gaps: number[]; duplicates: number[]; outOfOrder: number }): void {
  expect(r.gaps.slice(0, 10)).toEqual([]);
  expect(r.duplicates.slice(0, 10)).toEqual([]);
  expect(r.outOfOrder).toBe(0);
  expect(t.ui.skipped()).toBe(0);
}
