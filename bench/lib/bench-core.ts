import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Host } from '../../src-main/contract';
import { createCore, type Core } from '../../src-main/core/create-core';
import type { Droplet } from '../../test/fleet';

/** A benchmark's core with one fleet droplet as a trusted host. */
export interface BenchCore {
  core: Core;
  /** The core's data folder (temporary; removed by dispose). */
  dataDir: string;
  /** Bench / production, the host's environment. */
  envId: string;
  host: Host;
  /** Closes the core, stops the droplet and removes the data folder. */
  dispose(): Promise<void>;
}

/**
 * A real core (store, vault with an env key) in a fresh temporary folder `opsdeck-bench-TAG-…`
 * with the started droplet as host `hostName` of Bench / production, logging in with its client
 * key, its host key trusted. Takes over the droplet: dispose() stops it, and so does a failure here.
 */
export async function benchCore(tag: string, droplet: Droplet, hostName: string): Promise<BenchCore> {
  const dataDir = mkdtempSync(join(tmpdir(), `opsdeck-bench-${tag}-`));
  let core: Core | undefined;
  const dispose = async () => {
    core?.close();
    await droplet.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    core = await createCore({ dataDir, host: 'serve', version: 'bench', envKey: randomBytes(32).toString('hex') });
    const project = core.inventory.createProject({ name: 'Bench', description: '' });
    const env = core.inventory.createEnvironment({ projectId: project.id, name: 'production', kind: 'production' });
    const host = core.inventory.createHost({
      environmentId: env.id,
      name: hostName,
      address: droplet.host,
      port: droplet.port,
      username: droplet.user,
      authMethod: 'key',
      provider: 'vps',
      credentialId: null,
      jumpHostId: null,
      tags: [],
      notes: '',
      secrets: { privateKey: { action: 'set', value: droplet.clientKey } },
    });
    await core.ssh.trustKey(host.id, droplet.hostKeyFingerprint);
    return { core, dataDir, envId: env.id, host, dispose };
  } catch (e) {
    await dispose();
    throw e;
  }
}
