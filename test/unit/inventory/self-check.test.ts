import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-main/contract';
import { makeInventory } from './inventory-fixture';

function recorder() {
  const lines: { level: string; text: string }[] = [];
  const progress: number[] = [];
  return {
    lines,
    progress,
    job: {
      progress: (pct: number) => progress.push(pct),
      log: (level: 'info' | 'warn' | 'error', text: string) => lines.push({ level, text }),
      throwIfCancelled: () => {},
    },
  };
}

describe('inventory self-check', () => {
  it('reports each planted problem once, and nothing on healthy items', async () => {
    const t = makeInventory();
    const { project, env } = t.projectWithEnv();
    const staging = t.make.environment({ projectId: project.id, name: 'staging' });

    // Healthy: key auth with a key, password auth through a credential, agent auth.
    const used = t.make.credential({ name: 'ops password', kind: 'ssh-password', secrets: { value: { action: 'set', value: 'pw' } } });
    t.make.host({ environmentId: env.id, name: 'ok-key', address: '203.0.113.1', secrets: { privateKey: { action: 'set', value: 'k' } } });
    t.make.host({ environmentId: env.id, name: 'ok-pass', address: '203.0.113.2', authMethod: 'password', credentialId: used.id });
    t.make.host({ environmentId: env.id, name: 'ok-agent', address: '203.0.113.3', authMethod: 'agent' });

    // Problems: key auth without key; password auth without password; unused credential.
    t.make.host({ environmentId: env.id, name: 'no-key', address: '203.0.113.4' });
    t.make.host({ environmentId: env.id, name: 'no-pass', address: '203.0.113.5', authMethod: 'password' });
    t.make.credential({ name: 'forgotten token', kind: 'api-token' });

    // A link across environments (allowed, but reported).
    const api = t.make.service({ environmentId: env.id, name: 'api', kind: 'container' });
    const cache = t.make.service({ environmentId: staging.id, name: 'cache', kind: 'redis' });
    t.make.link({ fromServiceId: api.id, toServiceId: cache.id, kind: 'uses-cache' });

    // A service on a host of another environment: the API refuses it, so plant it in the DB
    // as an older version or a manual edit could have left it.
    const stagingHost = t.make.host({ environmentId: staging.id, name: 'stg', address: '203.0.113.6', authMethod: 'agent' });
    t.sqlRun('UPDATE services SET host_id = ? WHERE id = ?', stagingHost.id, api.id);

    const r = recorder();
    const result = await t.inv.selfCheck(r.job);
    const warnings = r.lines.filter((l) => l.level === 'warn').map((l) => l.text);
    // 6 hosts, 2 services, 1 link, 2 credentials.
    expect(result).toEqual({ problems: 5, checked: 6 + 2 + 1 + 2 });
    expect(warnings.filter((w) => w.includes('"no-key"') && w.includes('key authentication'))).toHaveLength(1);
    expect(warnings.filter((w) => w.includes('"no-pass"') && w.includes('password authentication'))).toHaveLength(1);
    expect(warnings.filter((w) => w.includes('"forgotten token" is not used'))).toHaveLength(1);
    expect(warnings.filter((w) => w.includes('crosses environments'))).toHaveLength(1);
    expect(warnings.filter((w) => w.includes('Service "api"') && w.includes('host "stg"'))).toHaveLength(1);
    // 'ok-*' hosts and the used credential are fine.
    expect(warnings.join('\n')).not.toMatch(/ok-key|ok-pass|ok-agent|ops password/);
    expect(r.progress.at(-1)).toBe(100);
    expect(r.lines.at(-1)!.text).toBe('Checked 11 item(s): 5 problem(s) found.');
  });

  it('stops when the job is cancelled', async () => {
    const t = makeInventory();
    const { env } = t.projectWithEnv();
    for (let i = 0; i < 5; i++) t.make.host({ environmentId: env.id, name: `h${i}`, address: `203.0.113.${i + 1}` });
    let calls = 0;
    const job = {
      progress: () => {},
      log: () => {},
      throwIfCancelled: () => {
        if (++calls > 2) throw new AppError('CANCELLED', 'Cancelled.');
      },
    };
    await expect(t.inv.selfCheck(job)).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
