import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../../src-main/core/create-core';

/** A real core (store, vault with an env key) in a temp dir with one environment. */
export async function metricsCore(): Promise<{ core: Core; envId: string; done: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'opsdeck-metrics-'));
  const core = await createCore({ dataDir: dir, host: 'serve', version: 'test', envKey: randomBytes(32).toString('hex') });
  const project = core.inventory.createProject({ name: 'Fleet', description: '' });
  const env = core.inventory.createEnvironment({ projectId: project.id, name: 'production', kind: 'production' });
  return {
    core,
    envId: env.id,
    done: () => {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The newest value of a key in a series read, or undefined. */
export function lastOf(series: { key: string; points: [number, number][] }[], key: string): number | undefined {
  const s = series.find((x) => x.key === key);
  return s?.points[s.points.length - 1]?.[1];
}
