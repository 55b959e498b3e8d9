import { describe, expect, it } from 'vitest';
import { InventoryDraft } from '../../../src-main/contract';
import { buildDraft } from '../../../src-main/core/discovery/build-draft';
import { splitSections, SECTIONS } from '../../../src-main/core/discovery/discovery-script';
import { interpretScan } from '../../../src-main/core/discovery/interpret-scan';
import { fixture } from './fixtures';

/**
 * The script's real output on the SERVISTECH fleet droplet (captured once; temp paths renamed),
 * and on a machine without pm2, ufw or crontab. Ports: api 37711/46641, ws 42843, postgres
 * 37799, pgbouncer 37095, redis 41033, nginx 34169.
 */
describe('captured script output', () => {
  it('SERVISTECH: the whole draft from the real output', () => {
    const sections = splitSections(fixture('fleet-servistech.script-output.txt'), 'FIXTURENONCE');
    expect([...sections.keys()]).toEqual([...SECTIONS]);
    const scan = interpretScan(sections);
    const draft = InventoryDraft.parse(buildDraft({ name: 'servistech', address: '127.0.0.3', port: 42899, username: 'servistech' }, scan));
    const names = draft.services.map((s) => `${s.kind} ${s.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'compose-project servistech',
        'container servistech-cron-1',
        'postgres PostgreSQL :37799',
        'postgres PgBouncer :37095',
        'redis Redis :41033',
        'nginx-site erp.servistech.example.com',
        'http-endpoint node :37711',
        'http-endpoint node :46641',
        'http-endpoint node :42843',
        'http-endpoint erp.servistech.example.com/health',
        'cron-job scrape-bcv.sh',
      ]),
    );
    const site = draft.services.find((s) => s.kind === 'nginx-site')!;
    expect(site.config).toMatchObject({ port: 34169, serverNames: ['erp.servistech.example.com'] });
    expect(draft.links.filter((l) => l.fromKey === site.key).map((l) => l.toKey)).toEqual(['process:37711', 'process:46641', 'process:42843']);
    expect(draft.services.filter((s) => s.kind === 'cron-job' && s.source.file === 'crontab -l')).toHaveLength(7);
    expect(draft.warnings.map((w) => w.message)).toEqual(['pm2 is not installed on this host (looked in PATH, ~/.npm-global, node_modules and nvm folders).', 'ufw is not installed on this host; firewall rules were not read.']);
    expect(scan.facts.os?.id).toBe('debian');
  });

  it('a machine without pm2, ufw and crontab: warnings only', () => {
    const scan = interpretScan(splitSections(fixture('debian12-no-tools.script-output.txt'), 'FIXTURENONCE'));
    expect(scan.warnings.map((w) => w.message)).toEqual([
      'pm2 is not installed on this host (looked in PATH, ~/.npm-global, node_modules and nvm folders).',
      'The docker CLI is installed but no Docker daemon answered; discovered no containers.',
      'ufw is not installed on this host; firewall rules were not read.',
      'crontab is not installed on this host; only /etc/cron.d was read.',
    ]);
    expect(scan.nginx?.ok).toBe(true);
    expect(scan.cron.map((c) => c.origin)).toEqual(['/etc/cron.d/e2scrub_all', '/etc/cron.d/e2scrub_all']);
  });
});
