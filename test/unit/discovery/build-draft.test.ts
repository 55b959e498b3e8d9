import { describe, expect, it } from 'vitest';
import { InventoryDraft } from '../../../src-main/contract';
import { buildDraft, cronName } from '../../../src-main/core/discovery/build-draft';
import { splitSections } from '../../../src-main/core/discovery/discovery-script';
import { interpretScan } from '../../../src-main/core/discovery/interpret-scan';
import { NONCE, iaComercialOutput, servistechOutput } from './scan-output';

const draftOf = (output: string, name: string) => {
  const scan = interpretScan(splitSections(output, NONCE));
  const draft = buildDraft({ name, address: '165.227.123.45', port: 22, username: 'deploy' }, scan);
  InventoryDraft.parse(draft);
  return { scan, draft };
};

describe('draft from IA Comercial', () => {
  const { scan, draft } = draftOf(iaComercialOutput(), 'ia-comercial');
  const svc = (key: string) => draft.services.find((s) => s.key === key);

  it('proposes the pm2 app with port, working dir and logs in the notes', () => {
    expect(svc('pm2:ia-comercial')).toMatchObject({
      name: 'ia-comercial',
      kind: 'pm2-app',
      hostKey: 'host:ia-comercial',
      config: { pm2Name: 'ia-comercial', port: 3000, workingDir: '/var/www/ia-comercial' },
    });
    expect(svc('pm2:ia-comercial')!.notes).toContain('out log: /home/deploy/.pm2/logs/ia-comercial-out.log');
  });

  it('proposes one nginx site per name (the :80 redirect folded in) that proxies to the app', () => {
    const sites = draft.services.filter((s) => s.kind === 'nginx-site');
    expect(sites).toHaveLength(1);
    expect(sites[0]).toMatchObject({
      name: 'ia-comercial.example.com',
      config: { serverNames: ['ia-comercial.example.com', 'www.ia-comercial.example.com'], port: 443, url: 'https://ia-comercial.example.com' },
      source: { file: '/etc/nginx/sites-enabled/ia-comercial', line: 9 },
    });
    expect(sites[0].notes).toMatch(/access log: \/var\/log\/nginx\/ia-comercial-access\.log/);
    expect(draft.links).toContainEqual(
      expect.objectContaining({ fromKey: sites[0].key, toKey: 'pm2:ia-comercial', kind: 'proxies-to', reason: 'proxy_pass http://localhost:3000' }),
    );
  });

  it('proposes the 3 AM backup and the health URL', () => {
    const backup = draft.services.find((s) => s.kind === 'cron-job' && s.config.schedule === '0 3 * * *');
    expect(backup).toMatchObject({ name: 'cp leads.db', source: { file: 'crontab -l', line: 3 } });
    expect(backup!.config.command).toMatch(/^cp \/var\/www\/ia-comercial\/db\/leads\.db/);
    expect(draft.services.find((s) => s.kind === 'http-endpoint')).toMatchObject({ config: { url: 'https://ia-comercial.example.com/health', healthPath: '/health' } });
  });

  it('keeps env var names, flags secrets, and never a value', () => {
    expect(draft.envVars.map((e) => [e.name, e.secret])).toEqual([
      ['DATABASE_PATH', false],
      ['NODE_ENV', false],
      ['OPENAI_API_KEY', true],
      ['PORT', false],
      ['SMTP_PASS', true],
      ['WHATSAPP_TOKEN', true],
    ]);
    expect(draft.envVars.every((e) => e.value === null)).toBe(true);
    expect(JSON.stringify({ draft, facts: scan.facts })).not.toMatch(/PLANTED/i);
  });

  it('reports docker as missing (a warning) and reads host facts', () => {
    expect(draft.errors).toEqual([]);
    expect(draft.warnings.map((w) => w.message)).toEqual(['Docker is not installed on this host (no docker CLI and no Docker or podman socket).']);
    expect(scan.facts.os?.prettyName).toBe('Ubuntu 22.04.4 LTS');
    expect(scan.facts.disks.map((d) => d.mount)).toEqual(['/', '/boot/efi']);
    expect(scan.facts.firewall.rules).toHaveLength(6);
    expect(scan.facts.uptimeSeconds).toBe(864123);
  });
});

describe('draft from SERVISTECH', () => {
  const { scan, draft } = draftOf(servistechOutput(), 'servistech');
  const kinds = (k: string) => draft.services.filter((s) => s.kind === k);

  it('proposes postgres, pgbouncer and redis from the processes seen listening', () => {
    expect(kinds('postgres').map((s) => [s.name, s.config.port])).toEqual([
      ['PostgreSQL :5432', 5432],
      ['PgBouncer :6432', 6432],
    ]);
    expect(kinds('redis').map((s) => s.name)).toEqual(['Redis :6379']);
    expect(draft.links).toContainEqual(expect.objectContaining({ fromKey: 'pgbouncer:6432', toKey: 'postgres:5432', kind: 'uses-database' }));
  });

  it('links the site to every upstream server: pm2 apps, and plain processes as endpoints', () => {
    const site = kinds('nginx-site')[0];
    expect(site.name).toBe('api.servistech.example.com');
    const targets = draft.links.filter((l) => l.fromKey === site.key).map((l) => [l.toKey, l.reason]);
    expect(targets).toEqual([
      ['pm2:servistech-api', 'proxy_pass http://api_backend (upstream api_backend: 127.0.0.1:3001)'],
      ['process:3011', 'proxy_pass http://api_backend (upstream api_backend: 127.0.0.1:3011)'],
      ['pm2:servistech-ws', 'proxy_pass http://websocket_backend (upstream websocket_backend: 127.0.0.1:3002)'],
    ]);
    expect(draft.services.find((s) => s.key === 'pm2:servistech-api')!.config.replicas).toBe(2);
    expect(draft.services.find((s) => s.key === 'process:3011')).toMatchObject({ kind: 'http-endpoint', config: { port: 3011, url: 'http://127.0.0.1:3011' } });
  });

  it('proposes containers with their compose project', () => {
    expect(kinds('compose-project')).toEqual([
      expect.objectContaining({ name: 'servistech', config: { composeProject: 'servistech', composeFile: '/srv/servistech/docker-compose.yml', workingDir: '/srv/servistech' } }),
    ]);
    expect(kinds('container').map((s) => [s.name, s.config.composeProject, s.config.port])).toEqual([
      ['servistech-cron-1', 'servistech', undefined],
      ['servistech-nginx-1', 'servistech', 8080],
      ['lonely-redis', undefined, 6380],
    ]);
  });

  it('proposes each /etc/cron.d line with a secret-free command', () => {
    const cron = kinds('cron-job');
    expect(cron).toHaveLength(7);
    expect(cron.map((c) => c.name)).toContain('backup-database.sh (0 2 * * *)');
    expect(cron.find((c) => c.config.schedule === '0 2 * * *')!.config.command).toBe('PGPASSWORD=*** /srv/servistech/cron/scripts/backup-database.sh');
    expect(JSON.stringify(draft)).not.toMatch(/PLANTED/);
  });

  it('says ufw needs root', () => {
    expect(scan.facts.firewall.state).toBe('needs-root');
    expect(draft.warnings.map((w) => w.message)).toContain('ufw status needs root; firewall rules were not read.');
  });
});

describe('cron names', () => {
  it('names a line by what it runs', () => {
    expect(cronName('cd /var/www/app && pm2 resurrect')).toBe('pm2 resurrect');
    expect(cronName('PGPASSWORD=x /srv/backup.sh --full')).toBe('backup.sh');
    expect(cronName('/usr/bin/node /srv/app/jobs/report.js')).toBe('node report.js');
    // Guards name the job after what they protect.
    expect(cronName('test -e /run/systemd/system || SERVICE_MODE=1 /sbin/e2scrub_all -A -r')).toBe('e2scrub_all');
    expect(cronName('test -x /usr/sbin/anacron || ( cd / && run-parts --report /etc/cron.daily )')).toBe('run-parts');
    expect(cronName('[ -x /usr/lib/php/sessionclean ] && /usr/lib/php/sessionclean')).toBe('sessionclean');
  });
});
