import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../../src-main/core/event-bus';
import { JobRunner } from '../../../../src-main/core/jobs/job-runner';
import { secretsSelfCheck } from '../../../../src-main/core/secrets/self-check';
import { Vault } from '../../../../src-main/core/secrets/vault';
import { openStore } from '../../../../src-main/core/store/open-store';
import { tempDir } from '../helpers';

function setup() {
  const store = openStore({ dataDir: tempDir() });
  const bus = new EventBus();
  const vault = new Vault({ db: store.db, bus, envKey: randomBytes(32).toString('hex') });
  vault.autoUnlock();
  const jobs = new JobRunner({ db: store.db, bus });
  return { store, vault, jobs };
}

describe('secretsSelfCheck', () => {
  it('succeeds when every secret decrypts, without logging values', async () => {
    const { vault, jobs } = setup();
    for (let i = 0; i < 120; i++) vault.set({ ownerType: 'host', ownerId: `hst_${i}`, field: 'password' }, `value-${i}`);
    const job = jobs.start('inventory.selfcheck', 'check', 'inventory', (ctx) => secretsSelfCheck(vault, ctx));
    const done = await jobs.wait(job.id);
    expect(done).toMatchObject({ status: 'succeeded', progress: 100, result: { secrets: 120, ok: 120, failed: [] } });
    expect(JSON.stringify(jobs.logs({ id: job.id }))).not.toContain('value-');
  });

  it('fails naming the secrets that no longer decrypt', async () => {
    const { vault, jobs, store } = setup();
    vault.set({ ownerType: 'host', ownerId: 'hst_a', field: 'password' }, 'a');
    vault.set({ ownerType: 'credential', ownerId: 'cred_b', field: 'token' }, 'b');
    store.db.prepare("UPDATE secrets SET ciphertext = zeroblob(20) WHERE owner_id = 'cred_b'").run();
    const job = jobs.start('inventory.selfcheck', 'check', 'inventory', (ctx) => secretsSelfCheck(vault, ctx));
    const done = await jobs.wait(job.id);
    expect(done.status).toBe('failed');
    expect(done.error).toMatchObject({ code: 'INTERNAL', message: '1 of 2 stored secrets could not be decrypted.' });
    expect(jobs.logs({ id: job.id }).map((l) => l.text)).toContain('Cannot decrypt token of credential cred_b.');
  });

  it('stops with VAULT_LOCKED when the vault is locked', async () => {
    const { vault, jobs } = setup();
    vault.set({ ownerType: 'host', ownerId: 'hst_a', field: 'password' }, 'a');
    vault.lock();
    const job = jobs.start('inventory.selfcheck', 'check', 'inventory', (ctx) => secretsSelfCheck(vault, ctx));
    expect((await jobs.wait(job.id)).error?.code).toBe('VAULT_LOCKED');
  });
});
