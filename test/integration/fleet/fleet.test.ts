import Docker from 'dockerode';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Duplex, PassThrough } from 'node:stream';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capabilities, startFleet, type Droplet, type Fleet } from '../../fleet';
import { connect, exec } from './ssh-helpers';

/**
 * The fleet itself: every droplet answers SSH as its unprivileged user, the seed droplets'
 * servers answer, kill/start and host-key rotation behave, and stop() leaves nothing behind.
 */
let fleet: Fleet;
let startMs = 0;
const clients: Client[] = [];

beforeAll(async () => {
  const t0 = Date.now();
  fleet = await startFleet();
  startMs = Date.now() - t0;
  console.log(`fleet started in ${startMs} ms; capabilities ${JSON.stringify(capabilities)}`);
}, 60_000);

afterAll(async () => {
  clients.forEach((c) => c.end());
  await fleet?.stop();
});

async function ssh(d: Droplet): Promise<Client> {
  const { client } = await connect(d);
  clients.push(client);
  return client;
}

function get(url: string, opts: { createConnection?: () => Duplex } = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = (url.startsWith('https') ? httpsRequest : httpRequest)(url, { rejectUnauthorized: false, createConnection: opts.createConnection } as object, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the fleet', () => {
  it('starts within 15 s', () => {
    expect(startMs).toBeLessThan(15_000);
  });

  it('runs a command as the unprivileged login user on every droplet (key auth)', async () => {
    for (const d of fleet.droplets) {
      const r = await exec(await ssh(d), 'id -u; id -un; echo "$HOME"; echo "$PM2_HOME"');
      const [uid, name, home] = r.stdout.trim().split('\n');
      expect(name).toBe(d.user);
      expect(home).toBe(d.home);
      if (capabilities.separateLoginUser) expect(Number(uid)).not.toBe(0);
    }
    expect(new Set(fleet.droplets.map((d) => d.host))).toEqual(new Set(['127.0.0.2', '127.0.0.3', '127.0.0.4']));
  });

  it('accepts the passphrase key and the agent, and passwords when root', async () => {
    const d = fleet.plain;
    const viaPassphrase = await connect(d, { privateKey: d.encryptedClientKey, passphrase: d.encryptedClientKeyPassphrase });
    const viaAgent = await connect(d, { agent: d.agentSocket });
    clients.push(viaPassphrase.client, viaAgent.client);
    expect((await exec(viaAgent.client, 'whoami')).stdout.trim()).toBe(d.user);
    expect(viaPassphrase.hostKeyFingerprint).toBe(execFileSync('ssh-keygen', ['-lf', '-'], { input: d.hostKeyPublic }).toString().split(' ')[1]);
    if (!capabilities.passwordAuth) return console.log('password auth not tested: not root');
    const viaPassword = await connect(d, { password: d.password });
    clients.push(viaPassword.client);
    expect((await exec(viaPassword.client, 'whoami')).stdout.trim()).toBe(d.user);
  });

  it('lets a droplet be a jump host to another', async () => {
    const jump = await ssh(fleet.plain);
    const target = fleet.servistech;
    const stream = await new Promise<Duplex>((resolve, reject) => jump.forwardOut('127.0.0.1', 0, target.host, target.port, (err, s) => (err ? reject(err) : resolve(s))));
    const { client } = await connect(target, { privateKey: target.clientKey }, target.hostKeyFingerprint, stream);
    clients.push(client);
    expect((await exec(client, 'whoami')).stdout.trim()).toBe(target.user);
  });

  it('IA Comercial: /health through nginx (HTTP and TLS), logs, SQLite, PM2 and the crontab', async () => {
    const ia = fleet.ia;
    const health = await get(`http://${ia.host}:${ia.nginxPort}/health`);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ status: 'ok' });
    const detailed = JSON.parse((await get(`https://${ia.host}:${ia.nginxTlsPort}/health/detailed`)).body);
    expect(detailed.database.ok).toBe(true);
    expect(detailed.uptime).toBeGreaterThan(0);
    expect((await get(`http://${ia.host}:${ia.nginxPort}/assets/app.css`)).status).toBe(200);
    expect((await get(`http://${ia.host}:${ia.nginxPort}/api/fail`)).status).toBe(500);

    const c = await ssh(ia);
    const pm2 = await exec(c, 'pm2 jlist');
    const apps = JSON.parse(pm2.stdout) as { name: string; pm2_env: { status: string; PM2_HOME?: string } }[];
    expect(apps.map((a) => [a.name, a.pm2_env.status])).toEqual([['ia-comercial', 'online']]);
    expect((await exec(c, 'echo $PM2_HOME; ls "$PM2_HOME/logs"')).stdout).toContain(ia.pm2Home);

    const logs = await exec(c, `tail -n 50 ${ia.combinedLog}; echo ---; cat ${ia.errorLog}; echo ---; tail -n 5 ${ia.nginxAccessLog}`);
    const [combined, errors, access] = logs.stdout.split('---\n');
    expect(combined).toContain('GET /health 200');
    expect(errors).toContain('GET /api/fail 500');
    expect(access).toMatch(/"GET \/health HTTP\/1.1" 200 \d+ .* \d+\.\d{3} /);
    expect((await exec(c, `head -c 15 ${ia.dbPath}`)).stdout).toBe('SQLite format 3');
    const cron = capabilities.cronCli ? await exec(c, 'crontab -l') : { stdout: readFileSync(ia.crontabPath, 'utf8') };
    expect(cron.stdout).toMatch(/^0 3 \* \* \* cp .*leads\.db/m);
    // Where `crontab -l` reads it once Debian's cron is installed.
    if (capabilities.separateLoginUser) expect(readFileSync(`/var/spool/cron/crontabs/${ia.user}`, 'utf8')).toBe(ia.crontab);
    expect((await exec(c, `ps -o args= -u ${ia.user}`)).stdout).toContain(`nginx: master process /usr/sbin/nginx -p`);
  });

  it('SERVISTECH: PostgreSQL, PgBouncer, Redis, both APIs, the WebSocket server and nginx answer', async () => {
    const s = fleet.servistech;
    const c = await ssh(s);
    const viaPg = await exec(c, `PGPASSWORD=${s.dbPassword} psql -X -At -h 127.0.0.1 -p ${s.postgresPort} -U ${s.dbUser} -d ${s.database} -c "select count(*) from invoices" -c "select extname from pg_extension where extname='pg_stat_statements'"`);
    expect(viaPg.stdout.trim().split('\n')).toEqual(['3', 'pg_stat_statements']);
    const viaBouncer = await exec(c, `PGPASSWORD=${s.dbPassword} psql -X -At -h 127.0.0.1 -p ${s.pgbouncerPort} -U ${s.dbUser} -d ${s.database} -c "select count(*) from clients"`);
    expect(viaBouncer.stdout.trim()).toBe('2');
    const pools = await exec(c, `PGPASSWORD=${s.dbPassword} psql -X -At -h 127.0.0.1 -p ${s.pgbouncerPort} -U ${s.dbUser} -d pgbouncer -c "SHOW POOLS"`);
    expect(pools.stdout).toContain('servistech|servistech');
    const redis = await exec(c, `REDISCLI_AUTH=${s.redisPassword} redis-cli -h 127.0.0.1 -p ${s.redisPort} ping`);
    expect(redis.stdout.trim()).toBe('PONG');
    const noAuth = await exec(c, `redis-cli -h 127.0.0.1 -p ${s.redisPort} ping`);
    expect(noAuth.stdout).toContain('NOAUTH');

    const instances = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const r = await get(`http://${s.host}:${s.nginxPort}/api/health`);
      expect(r.status).toBe(200);
      expect(r.headers['x-frame-options']).toBe('DENY');
      instances.add(JSON.parse(r.body).instance);
    }
    expect(instances).toEqual(new Set(['api-1', 'api-2']));
    expect((await get(`http://${s.host}:${s.nginxPort}/api/metrics`)).body).toContain('process_resident_memory_bytes');
    expect(JSON.parse((await get(`http://${s.host}:${s.nginxPort}/ws/health`)).body).status).toBe('ok');
    const cron = readFileSync(s.crontabPath, 'utf8');
    for (const line of ['0 8,13 * * 1-6', '*/30 7-19 * * 1-6', '0 2 * * *', '0 3 * * 0', '0 4 * * *']) expect(cron).toContain(line);
  });

  it.skipIf(!capabilities.podman)('SERVISTECH: the Docker API lists the compose cron container, also over SSH as the login user', async () => {
    const s = fleet.servistech;
    const docker = new Docker({ socketPath: s.dockerSocket });
    const list = await docker.listContainers({ filters: { label: ['com.docker.compose.project=servistech'] } });
    expect(list.map((x) => [x.Names[0], x.State, x.Labels['com.docker.compose.service']])).toEqual([['/servistech-cron-1', 'running', 'cron']]);

    const c = await ssh(s);
    const overSsh = await get('http://docker/containers/json', {
      createConnection: () => {
        // A Duplex that becomes the forwarded channel once SSH opens it.
        const toRemote = new PassThrough();
        const fromRemote = new PassThrough();
        c.openssh_forwardOutStreamLocal(s.dockerSocket, (err, ch) => {
          if (err) return fromRemote.destroy(err);
          toRemote.pipe(ch);
          ch.pipe(fromRemote);
        });
        return Duplex.from({ writable: toRemote, readable: fromRemote });
      },
    });
    expect(overSsh.status).toBe(200);
    expect(JSON.parse(overSsh.body).map((x: { Names: string[] }) => x.Names[0])).toContain('/servistech-cron-1');
  });

  it('kill() drops connections, start() brings sshd back with the same key', async () => {
    const d = fleet.plain;
    const { client } = await connect(d);
    const closed = new Promise<void>((r) => client.once('close', () => r()));
    await d.kill();
    await closed;
    await expect(connect(d)).rejects.toThrow();
    await d.start();
    const again = await connect(d);
    clients.push(again.client);
    expect(again.hostKeyFingerprint).toBe(d.hostKeyFingerprint);
  });

  it('rotateHostKey() serves a new key that strict checking refuses', async () => {
    const d = fleet.plain;
    const old = d.hostKeyFingerprint;
    await d.rotateHostKey();
    expect(d.hostKeyFingerprint).not.toBe(old);
    await expect(connect(d, { privateKey: d.clientKey }, old)).rejects.toThrow();
    const fresh = await connect(d);
    clients.push(fresh.client);
    expect(fresh.hostKeyFingerprint).toBe(d.hostKeyFingerprint);
  });

  it('stop() leaves no process, login user or dir behind', async () => {
    clients.forEach((c) => c.end());
    const before = fleet.droplets.flatMap((d) => d.pids());
    expect(before.length).toBeGreaterThan(10);
    await fleet.stop();
    for (const d of fleet.droplets) {
      expect(d.pids()).toEqual([]);
      expect(existsSync(d.dir)).toBe(false);
      if (capabilities.separateLoginUser) expect(readFileSync('/etc/passwd', 'utf8')).not.toContain(`${d.user}:`);
    }
    // A zombie is gone for every purpose but is reaped by its parent only later.
    const survivors = before.flatMap((pid) => {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        return /^State:\s+Z/m.test(status) ? [] : [`${pid} ${/^Name:\s+(.*)$/m.exec(status)?.[1]}`];
      } catch {
        return [];
      }
    });
    expect(survivors).toEqual([]);
  }, 60_000);
});
