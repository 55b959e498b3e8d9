import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installCrontab } from './crontab';
import { createDroplet, type Droplet } from './droplet';
import { chownTree, writeUserFile } from './files';
import { startNginx } from './nginx';
import { installPm2Wrapper, pm2, pm2DaemonPid } from './pm2';
import { freePort, run, stopPid, waitForPort } from './processes';
import { appsDir, nodeModules } from './repo-paths';

/**
 * Seed 004, IA Comercial: one droplet with nginx (TLS, static files, proxy to :3000) in front
 * of a Node app under PM2, SQLite in db/leads.db, logs/combined.log and error.log, and a
 * crontab with the daily 3 AM SQLite backup. The app lives at ~/var/www/ia-comercial (the
 * seed's /var/www/ia-comercial, under the login user's home so nothing leaves the temp dir).
 */
export interface IaComercialDroplet extends Droplet {
  serverName: string;
  /** nginx, plain HTTP, on the droplet's address. */
  nginxPort: number;
  /** nginx, TLS with a self-signed certificate for serverName. */
  nginxTlsPort: number;
  tlsCertPath: string;
  /** The app itself, on 127.0.0.1 only (as behind UFW). */
  appPort: number;
  appDir: string;
  pm2Home: string;
  pm2AppName: string;
  dbPath: string;
  combinedLog: string;
  errorLog: string;
  nginxConf: string;
  nginxSiteConf: string;
  nginxAccessLog: string;
  nginxErrorLog: string;
  crontab: string;
  /** A copy of the crontab text readable without cron (`crontab -l` needs the cron package). */
  crontabPath: string;
}

export interface SeedDropletOptions {
  name?: string;
  host?: string;
}

export async function startIaComercial(opts: SeedDropletOptions = {}): Promise<IaComercialDroplet> {
  const name = opts.name ?? 'ia-comercial';
  const { droplet, internals } = await createDroplet({ name, host: opts.host ?? '127.0.0.2' });
  const user = internals.loginUser;
  try {
    const base = user.dedicated ? user.home : join(droplet.dir, 'home');
    const appDir = join(base, 'var', 'www', 'ia-comercial');
    const pm2Home = user.dedicated ? join(user.home, '.pm2') : join(droplet.dir, 'pm2');
    const serverName = 'ia-comercial.example.com';
    const [appPort, nginxPort, nginxTlsPort] = await Promise.all([freePort('127.0.0.1'), freePort(droplet.host), freePort(droplet.host)]);
    const as = internals.runAs({ PM2_HOME: pm2Home });
    const own = { uid: user.uid, gid: user.gid };

    writeUserFile(join(appDir, 'server.js'), readFileSync(join(appsDir, 'ia-comercial-server.cjs'), 'utf8'), own);
    writeUserFile(join(appDir, 'package.json'), JSON.stringify({ name: 'ia-comercial', version: '1.4.2', main: 'server.js', scripts: { start: 'node server.js' } }, null, 2) + '\n', own);
    // Fake secrets on purpose: importers and snapshots must redact them.
    writeUserFile(join(appDir, '.env'), `NODE_ENV=production\nPORT=${appPort}\nOPENAI_API_KEY=sk-test-fleet-not-a-real-key\nWHATSAPP_TOKEN=EAAG-test-fleet-token\nADMIN_PASSWORD=fleet-admin-pass\n`, own, 0o600);
    writeUserFile(join(appDir, 'config', 'business.json'), JSON.stringify({ name: 'IA Comercial Demo', currency: 'USD' }, null, 2) + '\n', own);
    writeUserFile(join(appDir, 'public', 'index.html'), '<!doctype html><title>IA Comercial</title><link rel="stylesheet" href="/assets/app.css"><h1>IA Comercial</h1>\n', own);
    writeUserFile(join(appDir, 'public', 'assets', 'app.css'), 'body { font-family: sans-serif; }\n', own);
    writeUserFile(
      join(appDir, 'ecosystem.config.js'),
      `module.exports = {\n  apps: [{\n    name: 'ia-comercial',\n    script: 'server.js',\n    cwd: ${JSON.stringify(appDir)},\n    instances: 1,\n    exec_mode: 'fork',\n    max_memory_restart: '500M',\n    env: { NODE_ENV: 'production', PORT: ${appPort}, NODE_PATH: ${JSON.stringify(nodeModules)} },\n  }],\n};\n`,
      own,
    );
    const dbPath = join(appDir, 'db', 'leads.db');
    writeUserFile(join(appDir, 'logs', '.keep'), '', own);
    writeUserFile(join(appDir, 'db', '.keep'), '', own);
    createLeadsDb(dbPath);
    chownTree(join(base, 'var'), user.uid, user.gid);

    // Not root: the login user is the caller, whose real ~/bin is none of our business.
    installPm2Wrapper(user, pm2Home, join(base, 'bin'));
    internals.onStop(async () => {
      const daemon = pm2DaemonPid(pm2Home);
      await pm2(as, ['kill']).catch(() => undefined);
      await stopPid(daemon, 'SIGKILL');
    });
    await pm2(as, ['start', join(appDir, 'ecosystem.config.js')], appDir);
    internals.addPids(() => {
      const daemon = pm2DaemonPid(pm2Home);
      return daemon ? [daemon] : [];
    });
    await waitForPort('IA Comercial app (PM2 ia-comercial)', { host: '127.0.0.1', port: appPort }, undefined, join(pm2Home, 'logs', 'ia-comercial-error.log'));

    const tlsDir = join(droplet.dir, 'fs', 'etc', 'ssl', 'ia-comercial');
    const tlsCertPath = join(tlsDir, 'fullchain.pem');
    const tlsKeyPath = join(tlsDir, 'privkey.pem');
    writeUserFile(join(tlsDir, '.keep'), '', own);
    await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '30', '-subj', `/CN=${serverName}`, '-addext', `subjectAltName=DNS:${serverName}`, '-keyout', tlsKeyPath, '-out', tlsCertPath]);

    const nginx = await startNginx({
      label: name,
      dir: droplet.dir,
      site: 'ia-comercial',
      as,
      listen: [
        { host: droplet.host, port: nginxPort },
        { host: droplet.host, port: nginxTlsPort },
      ],
      siteConfig: `upstream ia_comercial {
  server 127.0.0.1:${appPort};
  keepalive 8;
}

server {
  listen ${droplet.host}:${nginxPort};
  listen ${droplet.host}:${nginxTlsPort} ssl;
  server_name ${serverName};
  ssl_certificate ${tlsCertPath};
  ssl_certificate_key ${tlsKeyPath};
  ssl_protocols TLSv1.2 TLSv1.3;
  access_log LOG_DIR/ia-comercial.access.log timed;
  error_log LOG_DIR/ia-comercial.error.log;

  add_header X-Frame-Options SAMEORIGIN;
  add_header X-Content-Type-Options nosniff;

  location /assets/ {
    alias ${appDir}/public/assets/;
    expires 7d;
  }

  location = / {
    root ${appDir}/public;
    try_files /index.html =404;
  }

  location / {
    proxy_pass http://ia_comercial;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $host;
    proxy_set_header X-Real-IP $remote_addr;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;
  }
}
`,
    });
    internals.onStop(nginx.stop);
    internals.addPids(() => [nginx.pid]);

    const crontab = [
      '# m h dom mon dow command',
      '# Daily SQLite backup at 3 AM, kept 7 days (seed 004, Backups).',
      `0 3 * * * cp ${dbPath} ${join(appDir, 'db')}/leads-$(date +\\%Y\\%m\\%d).db && find ${join(appDir, 'db')}/leads-*.db -mtime +7 -delete`,
      '',
    ].join('\n');
    const { copyPath } = await installCrontab(droplet.dir, user, crontab);

    return Object.assign(droplet, {
      serverName,
      nginxPort,
      nginxTlsPort,
      tlsCertPath,
      appPort,
      appDir,
      pm2Home,
      pm2AppName: 'ia-comercial',
      dbPath,
      combinedLog: join(appDir, 'logs', 'combined.log'),
      errorLog: join(appDir, 'logs', 'error.log'),
      nginxConf: nginx.confPath,
      nginxSiteConf: nginx.siteConfPath,
      nginxAccessLog: join(droplet.dir, 'fs', 'var', 'log', 'nginx', 'ia-comercial.access.log'),
      nginxErrorLog: join(droplet.dir, 'fs', 'var', 'log', 'nginx', 'ia-comercial.error.log'),
      crontab,
      crontabPath: copyPath,
    });
  } catch (err) {
    await droplet.stop();
    throw err;
  }
}

function createLeadsDb(path: string): void {
  const db = new Database(path);
  try {
    db.exec(`CREATE TABLE IF NOT EXISTS leads (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL,
      phone TEXT,
      email TEXT,
      channel TEXT NOT NULL CHECK (channel IN ('web', 'whatsapp', 'instagram')),
      status TEXT NOT NULL DEFAULT 'new',
      created_at TEXT NOT NULL DEFAULT (datetime('now'))
    )`);
    const insert = db.prepare('INSERT INTO leads (name, phone, email, channel, status) VALUES (?, ?, ?, ?, ?)');
    insert.run('Ana Pérez', '+58 412 555 0101', 'ana@example.com', 'whatsapp', 'new');
    insert.run('Luis Gómez', '+58 414 555 0202', 'luis@example.com', 'web', 'contacted');
    insert.run('Marta Ruiz', null, 'marta@example.com', 'instagram', 'qualified');
  } finally {
    db.close();
  }
}
