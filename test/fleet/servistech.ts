import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { capabilities } from './capabilities';
import { installCrontab } from './crontab';
import { createDroplet, type Droplet, type DropletInternals } from './droplet';
import { chownTree, writeUserFile } from './files';
import type { SeedDropletOptions } from './ia-comercial';
import { startNginx } from './nginx';
import { startPgBouncer } from './pgbouncer';
import { startPodman, type PodmanInstance } from './podman';
import { startPostgres } from './postgres';
import { freePort, startProcess, stopPid, waitForPort } from './processes';
import { startRedis } from './redis';
import { appsDir, nodeModules } from './repo-paths';
import { servistechCompose, servistechCrontab, servistechSchema } from './servistech-files';
import { createCa, issueCert } from './tls-certs';

/**
 * Seed 001, SERVISTECH ERP: PostgreSQL behind PgBouncer, Redis, two API instances, a
 * WebSocket server and nginx in front, cron entries, run here as processes of the login user;
 * plus a Docker Engine API (podman) with the compose project's cron container running, so
 * the console's Docker views have a real engine to list.
 */
export interface ServistechDroplet extends Droplet {
  appDir: string;
  postgresPort: number;
  postgresSocketDir: string;
  postgresDataDir: string;
  postgresLog: string;
  postgresSuperuser: string;
  postgresSuperuserPassword: string;
  database: string;
  dbUser: string;
  dbPassword: string;
  pgbouncerPort: number;
  pgbouncerIni: string;
  redisPort: number;
  redisPassword: string;
  /** Redis's TLS port (same password, 127.0.0.1), certificate signed by `tlsCaPath`; clients need no certificate. 0 unless started with `redisTls: true`. */
  redisTlsPort: number;
  /** The droplet's own CA (PEM): verify `rediss://127.0.0.1:<redisTlsPort>` and `expiringTlsPort` with it. */
  tlsCaPath: string;
  /** nginx TLS on the droplet address whose certificate (signed by `tlsCaPath`) expires 3 days after the start. */
  expiringTlsPort: number;
  expiringTlsCertPath: string;
  /** Name in that certificate (also a SAN, with the droplet's IP). */
  expiringTlsServerName: string;
  apiPorts: number[];
  apiLogs: string[];
  wsPort: number;
  wsLog: string;
  nginxPort: number;
  nginxConf: string;
  nginxSiteConf: string;
  nginxAccessLog: string;
  nginxErrorLog: string;
  crontab: string;
  crontabPath: string;
  /** Docker Engine API unix socket (podman), owned by the login user; '' without podman. */
  dockerSocket: string;
  /** Name of the running busybox container of compose project servistech, service cron. */
  busyboxContainer: string;
  busyboxContainerId: string;
  busyboxImage: string;
}

const secret = () => randomBytes(12).toString('base64url');

export interface ServistechOptions extends SeedDropletOptions {
  /**
   * Also open Redis's TLS port (`redisTlsPort`; 0 when off). Off by default: a second listening
   * port makes discovery propose a second Redis service, which tests of discovery do not expect.
   */
  redisTls?: boolean;
}

export async function startServistech(opts: ServistechOptions = {}): Promise<ServistechDroplet> {
  const name = opts.name ?? 'servistech';
  const { droplet, internals } = await createDroplet({ name, host: opts.host ?? '127.0.0.3' });
  const user = internals.loginUser;
  const own = { uid: user.uid, gid: user.gid };
  try {
    const base = user.dedicated ? user.home : join(droplet.dir, 'home');
    const appDir = join(base, 'opt', 'servistech');
    const srv = join(droplet.dir, 'srv');
    const [postgresPort, pgbouncerPort, redisPort, api1, api2, wsPort, nginxPort, redisTlsPort, expiringTlsPort] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      freePort(),
      freePort(),
      freePort(),
      freePort(droplet.host),
      freePort(),
      freePort(droplet.host),
    ]);
    const apiPorts = [api1, api2];
    const as = internals.runAs();
    const postgresSuperuserPassword = secret();
    const dbPassword = secret();
    const redisPassword = secret();

    writeUserFile(join(appDir, 'api', 'server.js'), readFileSync(join(appsDir, 'servistech-api.cjs'), 'utf8'), own);
    writeUserFile(join(appDir, 'websocket', 'server.js'), readFileSync(join(appsDir, 'servistech-ws.cjs'), 'utf8'), own);
    writeUserFile(join(appDir, 'docker-compose.yml'), servistechCompose, own);
    writeUserFile(join(appDir, '.env'), `DATABASE_URL=postgresql://servistech:${dbPassword}@127.0.0.1:${pgbouncerPort}/servistech\nREDIS_URL=redis://:${redisPassword}@127.0.0.1:${redisPort}\nJWT_SECRET=${secret()}\n`, own, 0o600);
    for (const script of ['scrape-bcv', 'update-binance', 'backup-database', 'cleanup-backups', 'calculate-commissions', 'health-report']) {
      writeUserFile(join(appDir, 'cron', 'scripts', `${script}.sh`), `#!/bin/sh\n# ${script}: stand-in of the seed's cron script (no cron daemon runs in the fleet).\necho "$(date -Is) ${script} ok"\n`, own, 0o755);
    }
    writeUserFile(join(appDir, 'logs', '.keep'), '', own);
    chownTree(join(base, 'opt'), user.uid, user.gid);

    // The droplet's CA: Redis's TLS port and the soon-expiring nginx endpoint present certificates it signed.
    const expiringTlsServerName = 'expiring.servistech.example.com';
    const ca = await createCa(join(srv, 'tls'), `${name} fleet CA`);
    const [redisCert, expiringCert] = await Promise.all([
      issueCert(ca, { name: 'redis', commonName: '127.0.0.1', san: ['IP:127.0.0.1', 'DNS:localhost'], days: 30 }),
      issueCert(ca, { name: 'expiring', commonName: expiringTlsServerName, san: [`DNS:${expiringTlsServerName}`, `IP:${droplet.host}`], days: 3 }),
    ]);
    chownTree(ca.dir, user.uid, user.gid);

    // The three data servers and the Docker engine do not depend on each other: start together.
    const settled = await Promise.allSettled([
      startPostgres({ dir: join(srv, 'postgresql'), port: postgresPort, as, superuserPassword: postgresSuperuserPassword }).then((pg) => {
        internals.onStop(pg.stop);
        internals.addPids(() => [pg.pid()].filter((p): p is number => !!p));
        return pg;
      }),
      startRedis({
        dir: join(srv, 'redis'),
        port: redisPort,
        password: redisPassword,
        as,
        tls: opts.redisTls ? { port: redisTlsPort, certFile: redisCert.certPath, keyFile: redisCert.keyPath, caFile: ca.caPath } : undefined,
      }).then((r) => {
        internals.onStop(r.stop);
        internals.addPids(() => [r.pid]);
        return r;
      }),
      capabilities.podman ? startPodman(join(droplet.dir, 'podman'), own).then((p) => registerPodman(internals, p)) : Promise.resolve(undefined),
    ] as const);
    // allSettled, not all: a failure must not stop the droplet while a sibling is still starting.
    for (const r of settled) if (r.status === 'rejected') throw r.reason;
    const [postgres, redis, podman] = settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as [
      Awaited<ReturnType<typeof startPostgres>>,
      Awaited<ReturnType<typeof startRedis>>,
      PodmanInstance | undefined,
    ];

    await postgres.psql(`CREATE ROLE servistech LOGIN PASSWORD '${dbPassword}'`);
    await postgres.psql('CREATE DATABASE servistech OWNER servistech');
    await postgres.psql(`CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SET ROLE servistech; ${servistechSchema}`, 'servistech');

    const pgbouncer = await startPgBouncer({ dir: join(srv, 'pgbouncer'), port: pgbouncerPort, postgresPort, database: 'servistech', user: 'servistech', password: dbPassword, as });
    internals.onStop(pgbouncer.stop);
    internals.addPids(() => [pgbouncer.pid]);

    const appEnv = { NODE_ENV: 'production', NODE_PATH: nodeModules, REDIS_PORT: String(redisPort), REDIS_PASSWORD: redisPassword, PGBOUNCER_PORT: String(pgbouncerPort) };
    const apiLogs = apiPorts.map((_, i) => join(appDir, 'logs', `api-${i + 1}.log`));
    const wsLog = join(appDir, 'logs', 'websocket.log');
    const nodeProcs: number[] = [];
    internals.onStop(async () => {
      await Promise.all(nodeProcs.map((p) => stopPid(p)));
    });
    internals.addPids(() => nodeProcs);
    apiPorts.forEach((port, i) => {
      nodeProcs.push(startProcess(process.execPath, [join(appDir, 'api', 'server.js')], apiLogs[i], { as: internals.runAs({ ...appEnv, PORT: String(port), INSTANCE: `api-${i + 1}` }), cwd: join(appDir, 'api') }));
    });
    nodeProcs.push(startProcess(process.execPath, [join(appDir, 'websocket', 'server.js')], wsLog, { as: internals.runAs({ ...appEnv, PORT: String(wsPort) }), cwd: join(appDir, 'websocket') }));
    await Promise.all([
      ...apiPorts.map((port, i) => waitForPort(`SERVISTECH api-${i + 1}`, { host: '127.0.0.1', port }, nodeProcs[i], apiLogs[i])),
      waitForPort('SERVISTECH WebSocket server', { host: '127.0.0.1', port: wsPort }, nodeProcs[2], wsLog),
    ]);

    const nginx = await startNginx({
      label: name,
      dir: droplet.dir,
      site: 'servistech',
      as,
      listen: [
        { host: droplet.host, port: nginxPort },
        { host: droplet.host, port: expiringTlsPort },
      ],
      siteConfig:
        servistechSite(droplet.host, nginxPort, apiPorts, wsPort) +
        expiringTlsSite(droplet.host, expiringTlsPort, expiringTlsServerName, expiringCert.certPath, expiringCert.keyPath),
    });
    internals.onStop(nginx.stop);
    internals.addPids(() => [nginx.pid]);

    const crontab = servistechCrontab(join(appDir, 'cron', 'scripts'), join(appDir, 'logs'));
    const { copyPath } = await installCrontab(droplet.dir, user, crontab);

    let container = { name: '', id: '' };
    if (podman) {
      const id = (
        await podman.podman([
          'run', '-d', '--name', 'servistech-cron-1',
          '--label', 'com.docker.compose.project=servistech',
          '--label', 'com.docker.compose.service=cron',
          '--label', 'com.docker.compose.container-number=1',
          '--label', 'com.docker.compose.oneoff=False',
          '--label', `com.docker.compose.project.working_dir=${appDir}`,
          '--label', `com.docker.compose.project.config_files=${join(appDir, 'docker-compose.yml')}`,
          podman.image, '/bin/sh', '-c', 'while true; do echo "$(date) cron: tick"; sleep 5; done',
        ])
      ).trim();
      container = { name: 'servistech-cron-1', id };
    }

    const logDir = join(droplet.dir, 'fs', 'var', 'log', 'nginx');
    return Object.assign(droplet, {
      appDir,
      postgresPort,
      postgresSocketDir: postgres.socketDir,
      postgresDataDir: postgres.dataDir,
      postgresLog: postgres.logFile,
      postgresSuperuser: postgres.superuser,
      postgresSuperuserPassword,
      database: 'servistech',
      dbUser: 'servistech',
      dbPassword,
      pgbouncerPort,
      pgbouncerIni: pgbouncer.iniPath,
      redisPort: redis.port,
      redisPassword,
      redisTlsPort: opts.redisTls ? redisTlsPort : 0,
      tlsCaPath: ca.caPath,
      expiringTlsPort,
      expiringTlsCertPath: expiringCert.certPath,
      expiringTlsServerName,
      apiPorts,
      apiLogs,
      wsPort,
      wsLog,
      nginxPort,
      nginxConf: nginx.confPath,
      nginxSiteConf: nginx.siteConfPath,
      nginxAccessLog: join(logDir, 'servistech.access.log'),
      nginxErrorLog: join(logDir, 'servistech.error.log'),
      crontab,
      crontabPath: copyPath,
      dockerSocket: podman?.socket ?? '',
      busyboxContainer: container.name,
      busyboxContainerId: container.id,
      busyboxImage: podman?.image ?? '',
    });
  } catch (err) {
    await droplet.stop();
    throw err;
  }
}

function registerPodman(internals: DropletInternals, p: PodmanInstance): PodmanInstance {
  internals.onStop(p.stop);
  internals.addPids(() => [p.servicePid, ...p.containerPids()]);
  return p;
}

function servistechSite(host: string, port: number, apiPorts: number[], wsPort: number): string {
  return `upstream servistech_api {
  least_conn;
${apiPorts.map((p) => `  server 127.0.0.1:${p} max_fails=3 fail_timeout=10s;`).join('\n')}
  keepalive 16;
}

upstream servistech_ws {
  server 127.0.0.1:${wsPort};
}

limit_req_zone $binary_remote_addr zone=api_limit:10m rate=20r/s;

server {
  listen ${host}:${port};
  server_name erp.servistech.example.com;
  access_log LOG_DIR/servistech.access.log timed;
  error_log LOG_DIR/servistech.error.log;

  # Security headers of the seed.
  add_header X-Frame-Options DENY always;
  add_header X-Content-Type-Options nosniff always;
  add_header Referrer-Policy strict-origin-when-cross-origin always;
  add_header Permissions-Policy "geolocation=(), microphone=(), camera=()" always;

  location = /health {
    proxy_pass http://servistech_api/health;
  }

  location /api/ {
    limit_req zone=api_limit burst=40 nodelay;
    proxy_pass http://servistech_api;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $host;
    proxy_set_header X-Real-IP $remote_addr;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
  }

  location /ws {
    proxy_pass http://servistech_ws;
    proxy_http_version 1.1;
    proxy_set_header Upgrade $http_upgrade;
    proxy_set_header Connection "upgrade";
    proxy_set_header Host $host;
    proxy_read_timeout 3600s;
  }
}
`;
}

/** A TLS endpoint whose certificate expires in 3 days: what certificate-expiry checks must catch. */
function expiringTlsSite(host: string, port: number, serverName: string, cert: string, key: string): string {
  return `
server {
  listen ${host}:${port} ssl;
  server_name ${serverName};
  ssl_certificate ${cert};
  ssl_certificate_key ${key};
  ssl_protocols TLSv1.2 TLSv1.3;
  access_log LOG_DIR/servistech-expiring.access.log timed;

  location / {
    default_type text/plain;
    return 200 "expiring soon\\n";
  }
}
`;
}
