#!/usr/bin/env node
// `npm run fleet`: the test fleet in the foreground, for a person to try Opsdeck against real
// servers. Ctrl+C stops everything. See test/fleet/README.md.
//
// The fleet is TypeScript written for vitest; plain Node 20 cannot run it, so it is transpiled
// file by file with the repo's `typescript` into node_modules/.cache (inside the repo, so its
// imports still resolve to our node_modules).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(repo, 'test', 'fleet');
const out = join(repo, 'node_modules', '.cache', 'opsdeck-fleet');

function transpile() {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const file of readdirSync(src).filter((f) => f.endsWith('.ts'))) {
    const { outputText } = ts.transpileModule(readFileSync(join(src, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: file,
    });
    // Node's ESM loader wants the extension the bundler-style imports leave out.
    const text = outputText.replace(/(from\s+|import\s*\()(['"])(\.\/[^'"]+)\2/g, '$1$2$3.mjs$2');
    writeFileSync(join(out, file.replace(/\.ts$/, '.mjs')), text);
  }
}

transpile();
const { startFleet, capabilities } = await import(pathToFileURL(join(out, 'index.mjs')).href);

console.log('Starting the Opsdeck test fleet…');
const t0 = Date.now();
const fleet = await startFleet();
const session = mkdtempSync(join(tmpdir(), 'opsdeck-fleet-session-'));
const { ia, servistech: sv, plain } = fleet;

// An ssh config and known_hosts so `ssh -F <file> ia-comercial` just works.
writeFileSync(join(session, 'known_hosts'), fleet.droplets.map((d) => d.knownHostsLine).join('\n') + '\n');
writeFileSync(
  join(session, 'ssh_config'),
  fleet.droplets
    .map((d) => `Host ${d.name}\n  HostName ${d.host}\n  Port ${d.port}\n  User ${d.user}\n  IdentityFile ${d.clientKeyPath}\n  IdentitiesOnly yes\n  UserKnownHostsFile ${join(session, 'known_hosts')}\n  StrictHostKeyChecking yes\n`)
    .join('\n'),
);
writeFileSync(join(session, 'fleet.json'), JSON.stringify(fleet.droplets, null, 2) + '\n', { mode: 0o600 });

const line = (k, v) => console.log(`  ${k.padEnd(22)} ${v}`);
console.log(`\nFleet up in ${((Date.now() - t0) / 1000).toFixed(1)} s. Capabilities: ${JSON.stringify(capabilities)}\n`);
for (const d of fleet.droplets) {
  console.log(`${d.name}`);
  line('SSH', `${d.user}@${d.host} port ${d.port}   (ssh -F ${join(session, 'ssh_config')} ${d.name})`);
  line('host key', `${d.hostKeyFingerprint}   ${d.hostKeyPublic.slice(0, 40)}…`);
  line('private key', d.clientKeyPath);
  line('key with passphrase', `${d.encryptedClientKeyPath}   passphrase: ${d.encryptedClientKeyPassphrase}`);
  line('password', capabilities.passwordAuth ? d.password : '(password login needs root)');
  line('ssh-agent', `SSH_AUTH_SOCK=${d.agentSocket}`);
  line('home', d.home);
  if (d === ia) {
    line('nginx', `http://${ia.host}:${ia.nginxPort}/health   https://${ia.host}:${ia.nginxTlsPort}/health/detailed (self-signed, ${ia.serverName})`);
    line('app (PM2 ia-comercial)', `127.0.0.1:${ia.appPort}   ${ia.appDir}   PM2_HOME=${ia.pm2Home}`);
    line('SQLite', ia.dbPath);
    line('logs', `${ia.combinedLog}  ${ia.errorLog}  ${ia.nginxAccessLog}`);
    line('crontab', ia.crontabPath);
  }
  if (d === sv) {
    line('nginx', `http://${sv.host}:${sv.nginxPort}/api/health   /api/metrics   /ws/health   ws://${sv.host}:${sv.nginxPort}/ws`);
    line('APIs, WebSocket', `127.0.0.1:${sv.apiPorts.join(', 127.0.0.1:')}   ws 127.0.0.1:${sv.wsPort}`);
    line('PostgreSQL', `postgresql://${sv.dbUser}:${sv.dbPassword}@127.0.0.1:${sv.postgresPort}/${sv.database}   (superuser postgres: ${sv.postgresSuperuserPassword})`);
    line('PgBouncer', `postgresql://${sv.dbUser}:${sv.dbPassword}@127.0.0.1:${sv.pgbouncerPort}/${sv.database}`);
    line('Redis', `redis://:${sv.redisPassword}@127.0.0.1:${sv.redisPort}`);
    if (sv.redisTlsPort) line('Redis over TLS', `rediss://:${sv.redisPassword}@127.0.0.1:${sv.redisTlsPort}   (CA ${sv.tlsCaPath}; OPSDECK_EXTRA_CA_CERTS=${sv.tlsCaPath})`);
    if (sv.expiringTlsPort) line('TLS expiring in 3 days', `https://${sv.host}:${sv.expiringTlsPort}   (${sv.expiringTlsServerName}, CA ${sv.tlsCaPath})`);
    line('Docker API', sv.dockerSocket ? `unix://${sv.dockerSocket}   (container ${sv.busyboxContainer})` : '(podman unavailable)');
    line('crontab', sv.crontabPath);
  }
  if (d === plain) line('use', 'a bare droplet: jump host, reconnect and host-key tests');
  console.log('');
}
console.log(`Everything above, as JSON: ${join(session, 'fleet.json')}`);
console.log('Press Ctrl+C to stop the fleet.');

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the fleet…`);
  await fleet.stop();
  rmSync(session, { recursive: true, force: true });
  console.log('Fleet stopped; nothing left running.');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGHUP', () => void shutdown('SIGHUP'));
// Keep the event loop alive: every server is detached and unref'd.
setInterval(() => {}, 1 << 30);
