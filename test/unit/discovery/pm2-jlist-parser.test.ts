import { describe, expect, it } from 'vitest';
import { parsePm2Jlist } from '../../../src-main/core/discovery/parsers/pm2-jlist-parser';
import { fixture } from './fixtures';

describe('pm2 jlist parser', () => {
  it('keeps the listed fields of IA Comercial and no environment value', () => {
    const r = parsePm2Jlist(fixture('pm2-jlist.ia-comercial.json'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.processes).toEqual([
      {
        name: 'ia-comercial',
        pmId: 0,
        status: 'online',
        pid: 48211,
        cwd: '/var/www/ia-comercial',
        script: '/var/www/ia-comercial/server.js',
        execMode: 'fork',
        instances: 1,
        port: 3000,
        outLog: '/home/deploy/.pm2/logs/ia-comercial-out.log',
        errLog: '/home/deploy/.pm2/logs/ia-comercial-error.log',
        restarts: 3,
        startedAt: 1763890000000,
        envNames: ['DATABASE_PATH', 'NODE_ENV', 'OPENAI_API_KEY', 'PORT', 'SMTP_PASS', 'WHATSAPP_TOKEN', 'ia-comercial'].filter((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n)),
      },
    ]);
    const text = JSON.stringify(r);
    for (const planted of ['sk-live-PLANTED-openai-3f9a', 'EAAG-PLANTED-wa-77c1', 'planted-smtp-pass-91', 'SSH_CONNECTION', '203.0.113.5']) expect(text).not.toContain(planted);
  });

  it('reads ports from args (--port 3001, --port=3002), one entry per cluster instance', () => {
    const r = parsePm2Jlist(fixture('pm2-jlist.servistech.json'));
    if (!r.ok) throw new Error(r.message);
    expect(r.processes.map((p) => [p.name, p.pmId, p.port, p.execMode, p.status])).toEqual([
      ['servistech-api', 0, 3001, 'cluster', 'online'],
      ['servistech-api', 1, 3001, 'cluster', 'online'],
      ['servistech-ws', 2, 3002, 'fork', 'online'],
      ['old-worker', 3, null, 'fork', 'stopped'],
    ]);
    expect(r.processes[3].pid).toBeNull();
    expect(JSON.stringify(r)).not.toMatch(/PLANTED/);
  });

  it('skips pm2 banner lines before the JSON', () => {
    const r = parsePm2Jlist(fixture('pm2-jlist.with-banner.txt'));
    expect(r.ok && r.processes[0].name).toBe('ia-comercial');
  });

  it('says what is wrong with garbage without echoing it', () => {
    const r = parsePm2Jlist(fixture('pm2-jlist.garbage.txt'));
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain('PLANTED');
    expect(parsePm2Jlist('').ok).toBe(false);
    expect(parsePm2Jlist('[]')).toEqual({ ok: true, processes: [] });
  });

  it('reads a real pm2 7 jlist (captured) and drops every value of its environment', () => {
    const r = parsePm2Jlist(fixture('pm2-jlist.real-pm2-7.json'));
    if (!r.ok) throw new Error(r.message);
    expect(r.processes).toHaveLength(1);
    expect(r.processes[0]).toMatchObject({ name: 'fixture-app', pmId: 0, status: 'online', cwd: '/srv/fixture-app', script: '/bin/sleep', execMode: 'fork', port: 4100 });
    expect(r.processes[0].envNames).toEqual(['API_KEY', 'DATABASE_URL', 'NODE_ENV', 'PORT']);
    expect(JSON.stringify(r)).not.toMatch(/fixture-planted/);
  });
});
