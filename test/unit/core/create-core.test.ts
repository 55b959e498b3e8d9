import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppInfo, type EventName } from '../../../src-main/contract';
import { AppError } from '../../../src-main/contract/errors';
import { createCore, SELFCHECK_KIND } from '../../../src-main/core/create-core';
import { createHandlers } from '../../../src-main/ipc/handlers';
import { createRouter } from '../../../src-main/ipc/router';
import type { CallContext } from '../../../src-main/ipc/types';
import { tempDir } from './helpers';

const ctx: CallContext = { connectionId: 'test', send: () => {} };
const noStreams = {
  'streams.open': () => ({ streamId: 'str_x' }),
  'streams.ack': () => ({ ok: true as const }),
  'streams.close': () => ({ ok: true as const }),
};

async function boot(opts: { envKey?: string; dataDir?: string } = {}) {
  const dataDir = opts.dataDir ?? path.join(tempDir(), 'data');
  const core = await createCore({ dataDir, host: 'serve', version: '0.1.0-test', envKey: opts.envKey, osLocale: 'es-ES' });
  const events: EventName[] = [];
  core.bus.onAny((name) => events.push(name));
  const dispatch = createRouter({ handlers: createHandlers(core, noStreams), isUnlocked: () => core.vault.isUnlocked() });
  const call = async (name: string, input?: unknown) => {
    const res = await dispatch(name, input, ctx);
    if (!res.ok) throw AppError.fromShape(res.error);
    return res.value as never;
  };
  return { core, call, events, dataDir };
}

describe('createCore + app handlers', () => {
  it('boots with an env key: vault set up and unlocked, info valid', async () => {
    const { core, call, dataDir } = await boot({ envKey: randomBytes(32).toString('hex') });
    expect(fs.existsSync(path.join(dataDir, 'opsdeck.db'))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'logs', 'opsdeck.log'))).toBe(true);
    const info = AppInfo.parse(await call('app.info'));
    expect(info).toMatchObject({ version: '0.1.0-test', host: 'serve', dataDir, osLocale: 'es-ES', storeNotice: null });
    expect(info.osUser.length).toBeGreaterThan(0);
    expect(await call('vault.status')).toMatchObject({ state: 'unlocked', provider: 'env-key' });
    expect(await call('settings.update', { theme: 'dark' })).toEqual({ language: null, theme: 'dark' });
    expect(await call('settings.get')).toEqual({ language: null, theme: 'dark' });
    core.close();
    core.close(); // twice is fine
  });

  it('passphrase vault: locked calls refused until unlocked; setup is audited', async () => {
    const { core, call, events } = await boot();
    expect(await call('vault.status')).toMatchObject({ state: 'uninitialized' });
    await expect(call('jobs.list', {})).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    await expect(call('vault.setup', { provider: 'passphrase', passphrase: 'short' })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await call('vault.setup', { provider: 'passphrase', passphrase: 'a long enough passphrase' })).toMatchObject({ state: 'unlocked' });
    expect(await call('vault.lock')).toMatchObject({ state: 'locked' });
    await expect(call('vault.unlock', { passphrase: 'wrong passphrase' })).rejects.toMatchObject({ code: 'VAULT_BAD_PASSPHRASE', hint: 'Check Caps Lock and try again.' });
    expect(await call('vault.unlock', { passphrase: 'a long enough passphrase' })).toMatchObject({ state: 'unlocked' });
    const audit = (await call('audit.list', {})) as { action: string; details: string }[];
    expect(audit.map((a) => [a.action, a.details])).toContainEqual(['vault.setup', 'provider: passphrase']);
    expect(JSON.stringify(audit)).not.toContain('a long enough passphrase');
    expect(events).toEqual(expect.arrayContaining(['vault.changed', 'audit.appended']));
    core.close();
  });

  it('runs the self-check job through jobs.start and lists it', async () => {
    const { core, call } = await boot({ envKey: randomBytes(32).toString('hex') });
    core.vault.set({ ownerType: 'host', ownerId: 'hst_1', field: 'password' }, 'pw');
    const job = (await call('jobs.start', { kind: SELFCHECK_KIND })) as { id: string; status: string };
    expect(job.status).toBe('queued');
    const done = await core.jobs.wait(job.id);
    expect(done.status).toBe('succeeded');
    expect(await call('jobs.get', { id: job.id })).toMatchObject({ status: 'succeeded', progress: 100 });
    expect(((await call('jobs.list', {})) as unknown[]).length).toBe(1);
    expect(((await call('jobs.logs', { id: job.id })) as unknown[]).length).toBeGreaterThan(0);
    await expect(call('jobs.get', { id: 'job_nothere' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const exported = (await call('audit.export', { format: 'csv' })) as { mime: string };
    expect(exported.mime).toBe('text/csv');
    core.close();
  });

  it('reports a corrupt database through info().storeNotice', async () => {
    const dataDir = path.join(tempDir(), 'data');
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'opsdeck.db'), 'garbage'.repeat(1000));
    const { core } = await boot({ dataDir });
    expect(core.info().storeNotice).toMatchObject({ code: 'STORE_CORRUPT' });
    expect(fs.existsSync(core.info().storeNotice!.backupPath!)).toBe(true);
    core.close();
  });

  it('refuses to start on a database from a newer Opsdeck', async () => {
    const dataDir = tempDir();
    const db = new Database(path.join(dataDir, 'opsdeck.db'));
    db.pragma('user_version = 500');
    db.close();
    await expect(createCore({ dataDir, host: 'serve', version: 'x' })).rejects.toMatchObject({ code: 'STORE_TOO_NEW' });
  });
});
