import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../src-main/contract';
import { composeApp, type ComposedApp } from '../../../src-main/ipc/compose';
import type { CallContext } from '../../../src-main/ipc/types';
import { startDroplet, type Droplet } from '../../fleet';

/**
 * Terminal stream sessions against a real sshd droplet: a shell opens through streams.open, the
 * output arrives in batches, the SSH channel is paused while more than ~500 KB are
 * unacknowledged and resumes on ack without losing a byte, resize reaches the PTY, closing ends
 * the channel, and a host that dies mid-session ends it with SSH_CLOSED.
 */
let app: ComposedApp;
let dataDir: string;
let droplet: Droplet;
let hostId: string;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function call<T = Record<string, unknown>>(name: string, input: unknown, ctx: CallContext): Promise<T> {
  const r = await app.dispatch(name, input, ctx);
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

interface Ui {
  ctx: CallContext;
  data: EventPayload<'terminal.data'>[];
  exits: EventPayload<'terminal.exit'>[];
  text(): string;
}
function ui(connectionId: string): Ui {
  const data: EventPayload<'terminal.data'>[] = [];
  const exits: EventPayload<'terminal.exit'>[] = [];
  return {
    data,
    exits,
    text: () => data.map((d) => d.data).join(''),
    ctx: {
      connectionId,
      send: (name, payload) => {
        if (name === 'terminal.data') data.push(payload as EventPayload<'terminal.data'>);
        if (name === 'terminal.exit') exits.push(payload as EventPayload<'terminal.exit'>);
      },
    },
  };
}
async function until(what: string, f: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!f()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

beforeAll(async () => {
  droplet = await startDroplet({ name: 'terminal' });
  dataDir = mkdtempSync(join(tmpdir(), 'opsdeck-terminal-'));
  app = await composeApp({ dataDir, host: 'serve', version: 'test', envKey: 'd4'.repeat(32) });
  const admin: CallContext = { connectionId: 'admin', send: () => {} };
  const project = await call<{ id: string }>('projects.create', { name: 'T' }, admin);
  const env = await call<{ id: string }>('environments.create', { projectId: project.id, name: 'production' }, admin);
  const host = await call<{ id: string }>(
    'hosts.create',
    { environmentId: env.id, name: 'term', address: droplet.host, port: droplet.port, username: droplet.user, authMethod: 'key', secrets: { privateKey: { action: 'set', value: droplet.clientKey } } },
    admin,
  );
  hostId = host.id;
  await call('hosts.trustKey', { id: hostId, fingerprint: droplet.hostKeyFingerprint }, admin);
}, 120_000);

afterAll(async () => {
  app?.close();
  await droplet?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('terminal stream sessions', () => {
  it('runs a command, pauses past 500 KB unacknowledged, resumes on ack and loses nothing', async () => {
    const u = ui('ui-1');
    const { streamId } = await call<{ streamId: string }>('streams.open', { kind: 'terminal', hostId, cols: 100, rows: 30 }, u.ctx);
    await call('terminal.input', { streamId, data: 'echo ready-$((6*7))\r' }, u.ctx);
    await until('ready-42', () => u.text().includes('ready-42'));
    await call('streams.ack', { streamId, seq: u.data.at(-1)!.seq }, u.ctx);

    // 4 MB of output, no acknowledgement: the session pauses the channel near 500 KB.
    const before = u.data.length;
    await call('terminal.input', { streamId, data: 'head -c 3000000 /dev/zero | base64 -w 100; echo done-$((40+2))\r' }, u.ctx);
    await sleep(1500);
    const sent = u.data.slice(before).reduce((n, d) => n + Buffer.byteLength(d.data), 0);
    const stats = app.terminals.stats(streamId)!;
    expect(stats.paused).toBe(true);
    expect(sent).toBeGreaterThan(400_000);
    expect(sent).toBeLessThan(1_200_000);
    expect(u.text()).not.toContain('done-42');

    // Acknowledge as xterm would: everything arrives, in order, without loss.
    for (let i = 0; i < 2000 && !u.text().includes('done-42'); i++) {
      await call('streams.ack', { streamId, seq: u.data.at(-1)!.seq }, u.ctx);
      await sleep(10);
    }
    expect(u.text()).toContain('done-42');
    const seqs = u.data.map((d) => d.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    // Bash's bracketed-paste switch (ESC[?2004l) and CRs aside, every line is there once.
    const plain = u.text().replace(new RegExp(`${String.fromCharCode(27)}\\[[?0-9;]*[a-zA-Z]`, 'g'), '').replace(/\r/g, '');
    const lines = plain.split('\n').filter((l) => /^A{100}$/.test(l));
    expect(lines.length).toBe(40_000);

    // Resize reaches the PTY.
    await call('terminal.resize', { streamId, cols: 132, rows: 43 }, u.ctx);
    await call('terminal.input', { streamId, data: 'echo size-$(stty size | tr " " x)\r' }, u.ctx);
    await until('size-43x132', () => {
      void app.dispatch('streams.ack', { streamId, seq: u.data.at(-1)!.seq }, u.ctx);
      return u.text().includes('size-43x132');
    });

    // Another connection cannot type into it.
    const other = ui('ui-2');
    const refused = await app.dispatch('terminal.input', { streamId, data: 'id\r' }, other.ctx);
    expect(refused.ok).toBe(false);

    // exit ends the shell: terminal.exit with its status.
    await call('terminal.input', { streamId, data: 'exit 3\r' }, u.ctx);
    await until('exit event', () => u.exits.length > 0);
    expect(u.exits[0]).toMatchObject({ streamId, code: 3 });
    expect(u.exits[0]!.error).toBeUndefined();
    expect(app.terminals.owns(streamId)).toBe(false);
  }, 60_000);

  it('closes the channel on streams.close and when the UI connection goes away', async () => {
    const u = ui('ui-3');
    const a = await call<{ streamId: string }>('streams.open', { kind: 'terminal', hostId, cols: 80, rows: 24 }, u.ctx);
    const b = await call<{ streamId: string }>('streams.open', { kind: 'terminal', hostId, cols: 80, rows: 24 }, u.ctx);
    expect(app.terminals.owns(a.streamId) && app.terminals.owns(b.streamId)).toBe(true);
    await call('streams.close', { streamId: a.streamId }, u.ctx);
    expect(app.terminals.owns(a.streamId)).toBe(false);
    const late = await app.dispatch('terminal.input', { streamId: a.streamId, data: 'id\r' }, u.ctx);
    expect(late.ok).toBe(false);
    app.hub.closeConnection('ui-3');
    expect(app.terminals.owns(b.streamId)).toBe(false);
  });

  it('ends with SSH_CLOSED when the host dies mid-session, and a new terminal works once it is back', async () => {
    const u = ui('ui-4');
    const { streamId } = await call<{ streamId: string }>('streams.open', { kind: 'terminal', hostId, cols: 80, rows: 24 }, u.ctx);
    await call('terminal.input', { streamId, data: 'echo alive-$((1+1))\r' }, u.ctx);
    await until('alive-2', () => u.text().includes('alive-2'));
    await droplet.kill();
    await until('exit event', () => u.exits.length > 0);
    expect(u.exits[0]!.code).toBeNull();
    expect(u.exits[0]!.error?.code).toBe('SSH_CLOSED');

    const down = await app.dispatch('streams.open', { kind: 'terminal', hostId, cols: 80, rows: 24 }, u.ctx);
    expect(down.ok).toBe(false);
    if (!down.ok) expect(['SSH_UNREACHABLE', 'SSH_CLOSED']).toContain(down.error.code);

    await droplet.start();
    const again = await call<{ streamId: string }>('streams.open', { kind: 'terminal', hostId, cols: 80, rows: 24 }, u.ctx);
    await call('terminal.input', { streamId: again.streamId, data: 'echo back-$((2+2))\r' }, u.ctx);
    await until('back-4', () => u.text().includes('back-4'));
    await call('streams.close', { streamId: again.streamId }, u.ctx);
  }, 60_000);
});
