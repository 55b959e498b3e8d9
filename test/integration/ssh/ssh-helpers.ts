import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Host, HostCreate } from '../../../src-main/contract';
import { createCore, type Core } from '../../../src-main/core/create-core';
import type { Droplet } from '../../fleet';
import type { z } from 'zod';

/** A real core (store, vault with an env key, audit) in a temp dir, with one environment. */
export async function tempCore(): Promise<{ core: Core; envId: string; dir: string; done: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'opsdeck-ssh-'));
  const core = await createCore({ dataDir: dir, host: 'serve', version: 'test', envKey: randomBytes(32).toString('hex') });
  const project = core.inventory.createProject({ name: 'P', description: '' });
  const env = core.inventory.createEnvironment({ projectId: project.id, name: 'production', kind: 'production' });
  return {
    core,
    envId: env.id,
    dir,
    done: () => {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

type HostInput = Partial<z.input<typeof HostCreate>>;
let n = 0;

/** A host for the droplet, logging in with `auth`; secrets go through the real vault. */
export function addHost(core: Core, envId: string, d: Pick<Droplet, 'host' | 'port' | 'user' | 'password' | 'clientKey' | 'encryptedClientKey' | 'encryptedClientKeyPassphrase'>, auth: 'key' | 'password' | 'agent' | 'encrypted-key', extra: HostInput = {}): Host {
  const secrets =
    auth === 'key'
      ? { privateKey: { action: 'set' as const, value: d.clientKey } }
      : auth === 'password'
        ? { password: { action: 'set' as const, value: d.password } }
        : auth === 'encrypted-key'
          ? { privateKey: { action: 'set' as const, value: d.encryptedClientKey }, passphrase: { action: 'set' as const, value: d.encryptedClientKeyPassphrase } }
          : {};
  return core.inventory.createHost({
    environmentId: envId,
    name: `h${++n}-${auth}`,
    address: d.host,
    port: d.port,
    username: d.user,
    authMethod: auth === 'encrypted-key' ? 'key' : auth,
    provider: 'vps',
    credentialId: null,
    jumpHostId: null,
    tags: [],
    notes: '',
    secrets,
    ...extra,
  } as z.output<typeof HostCreate>);
}

/** Trusts the droplet's key the way the UI does: scan, compare with what the user saw, trust. */
export async function trust(core: Core, hostId: string, d: Pick<Droplet, 'hostKeyFingerprint'>): Promise<void> {
  await core.ssh.trustKey(hostId, d.hostKeyFingerprint);
}

export function sshdLog(d: Pick<Droplet, 'dir'>): string {
  try {
    return readFileSync(join(d.dir, 'sshd', 'sshd.log'), 'utf8');
  } catch {
    return '';
  }
}

export async function expectCode(p: Promise<unknown>, code: string): Promise<{ code: string; message: string; hint?: string; details?: unknown }> {
  try {
    await p;
  } catch (err) {
    const e = err as { code?: string; message: string; hint?: string; details?: unknown };
    if (e.code !== code) throw new Error(`expected ${code}, got ${e.code}: ${e.message}`);
    return e as { code: string; message: string };
  }
  throw new Error(`expected ${code}, but it succeeded`);
}
