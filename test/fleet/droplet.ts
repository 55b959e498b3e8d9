import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeClientKeys, type ClientKeys } from './client-keys';
import { createLoginUser, isRoot, removeLoginUser, runAs, sweepStaleUsers, type LoginUser } from './login-user';
import { DROPLET_DIR_PREFIX, markOwner, processesMentioning, sweepStaleDroplets, unmountUnder } from './stale-sweep';
import { alive, freePort, killAll, processesOfUid, processTree, run, startProcess, stopPid, waitForPort, type RunAs } from './processes';

/** A "server" reachable over SSH on a loopback address, as a user of the console would have. */
export interface Droplet {
  name: string;
  host: string;
  port: number;
  /** Unprivileged login user (its own user per droplet when the tests run as root). */
  user: string;
  /** 'SHA256:…' as `ssh-keygen -lf` prints it (base64 without padding). */
  hostKeyFingerprint: string;
  /** The 'ssh-ed25519 AAAA…' line. */
  hostKeyPublic: string;
  /** '[host]:port ssh-ed25519 AAAA…', ready for a known_hosts file. */
  knownHostsLine: string;
  password: string;
  clientKey: string;
  clientKeyPath: string;
  clientPublicKey: string;
  encryptedClientKey: string;
  encryptedClientKeyPath: string;
  encryptedClientKeyPassphrase: string;
  /** An ssh-agent holding clientKey (an SSH_AUTH_SOCK value). */
  agentSocket: string;
  home: string;
  dir: string;
  uid: number;
  gid: number;
  /** SIGKILL sshd and its session processes (to test reconnects). */
  kill(): Promise<void>;
  /** Start sshd again with the same host key and port. */
  start(): Promise<void>;
  /** New host key, then restart (to test that a changed key is refused). */
  rotateHostKey(): Promise<void>;
  /** PIDs of everything this droplet runs right now (empty after stop()). */
  pids(): number[];
  /** Stops everything of this droplet by PID and removes its dir and login user. */
  stop(): Promise<void>;
}

export interface DropletOptions {
  name?: string;
  host?: string;
}

/** What the seed droplets add to a plain droplet: run as its user, and stop their servers first. */
export interface DropletInternals {
  loginUser: LoginUser;
  runAs(extra?: NodeJS.ProcessEnv): RunAs;
  /** Runs in reverse order of registration at stop(), before sshd and the user go. */
  onStop(fn: () => Promise<void>): void;
  /** PIDs of the servers the seed droplet started, reported by pids(). */
  addPids(fn: () => number[]): void;
}

let nextPlainHost = 4;

export async function startDroplet(opts: DropletOptions = {}): Promise<Droplet> {
  return (await createDroplet(opts)).droplet;
}

export async function createDroplet(opts: DropletOptions = {}): Promise<{ droplet: Droplet; internals: DropletInternals }> {
  const name = opts.name ?? 'droplet';
  const host = opts.host ?? `127.0.0.${nextPlainHost++}`;
  await sweepStaleDroplets();
  await sweepStaleUsers();
  const dir = mkdtempSync(join(tmpdir(), `${DROPLET_DIR_PREFIX}${name.replace(/[^a-z0-9-]/gi, '')}-`));
  markOwner(dir);
  // The login user must traverse into its home inside this dir.
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'home'), { mode: 0o755 });
  const sshdDir = join(dir, 'sshd');
  mkdirSync(sshdDir, { mode: 0o700 });
  const password = randomBytes(12).toString('base64url');
  const cleanups: (() => Promise<void>)[] = [];
  const pidSources: (() => number[])[] = [];
  let loginUser: LoginUser | undefined;
  let keys: ClientKeys | undefined;
  let sshdPid: number | undefined;

  let stopping: Promise<void> | undefined;
  // Idempotent: a test's own stop() and its afterAll may both call it.
  const stopAll = () => (stopping ??= stopEverything());
  const stopEverything = async () => {
    for (const fn of cleanups.reverse()) await fn().catch(() => undefined);
    cleanups.length = 0;
    if (sshdPid) await killAll(processTree(sshdPid));
    sshdPid = undefined;
    if (keys) await stopPid(keys.agentPid);
    // Whatever a test started on the droplet by hand and left behind.
    await killAll(processesMentioning(dir));
    if (loginUser) await removeLoginUser(loginUser);
    unmountUnder(dir);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    loginUser = await createLoginUser(dir, password);
    const user = loginUser;
    keys = await makeClientKeys(join(dir, 'client'), `opsdeck-fleet@${name}`);
    const authorizedKeys = join(dir, 'authorized_keys');
    writeFileSync(authorizedKeys, `${keys.clientPublicKey}\n${keys.encryptedClientPublicKey}\n`, { mode: 0o644 });
    writeLoginShellFiles(user);

    const hostKey = join(sshdDir, 'ssh_host_ed25519_key');
    const port = await freePort(host);
    const config = join(sshdDir, 'sshd_config');
    const log = join(sshdDir, 'sshd.log');
    writeFileSync(
      config,
      [
        `ListenAddress ${host}`,
        `Port ${port}`,
        `HostKey ${hostKey}`,
        `AuthorizedKeysFile ${authorizedKeys}`,
        `PidFile ${join(sshdDir, 'sshd.pid')}`,
        `AllowUsers ${user.name}`,
        'UsePAM no',
        'StrictModes no',
        'PubkeyAuthentication yes',
        // Only root can check passwords against /etc/shadow (UsePAM is off).
        `PasswordAuthentication ${isRoot ? 'yes' : 'no'}`,
        `KbdInteractiveAuthentication ${isRoot ? 'yes' : 'no'}`,
        'PermitRootLogin no',
        'AllowTcpForwarding yes',
        'AllowStreamLocalForwarding yes',
        'AllowAgentForwarding yes',
        'X11Forwarding no',
        'PrintMotd no',
        'PrintLastLog no',
        'LogLevel VERBOSE',
        'Subsystem sftp internal-sftp',
        '',
      ].join('\n'),
    );
    // Privilege separation chroots into /run/sshd; Debian creates it only when the service starts.
    if (isRoot) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });

    const hostKeyInfo = { fingerprint: '', publicLine: '' };
    const newHostKey = async () => {
      rmSync(hostKey, { force: true });
      rmSync(`${hostKey}.pub`, { force: true });
      await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `host@${name}`, '-f', hostKey]);
      const pub = readFileSync(`${hostKey}.pub`, 'utf8').trim().split(' ');
      hostKeyInfo.publicLine = `${pub[0]} ${pub[1]}`;
      const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${hostKey}.pub`]);
      hostKeyInfo.fingerprint = stdout.split(' ')[1];
    };
    const startSshd = async () => {
      if (sshdPid && alive(sshdPid)) return;
      sshdPid = startProcess('/usr/sbin/sshd', ['-D', '-e', '-f', config], log);
      await waitForPort(`sshd of ${name}`, { host, port }, sshdPid, log);
    };
    const killSshd = async () => {
      // The listener and every session: a client must see its connection drop.
      if (sshdPid) await killAll(processTree(sshdPid));
      sshdPid = undefined;
    };
    await newHostKey();
    await startSshd();

    const droplet: Droplet = {
      name,
      host,
      port,
      user: user.name,
      get hostKeyFingerprint() {
        return hostKeyInfo.fingerprint;
      },
      get hostKeyPublic() {
        return hostKeyInfo.publicLine;
      },
      get knownHostsLine() {
        return `[${host}]:${port} ${hostKeyInfo.publicLine}`;
      },
      password,
      clientKey: keys.clientKey,
      clientKeyPath: keys.clientKeyPath,
      clientPublicKey: keys.clientPublicKey,
      encryptedClientKey: keys.encryptedClientKey,
      encryptedClientKeyPath: keys.encryptedClientKeyPath,
      encryptedClientKeyPassphrase: keys.encryptedClientKeyPassphrase,
      agentSocket: keys.agentSocket,
      home: user.home,
      dir,
      uid: user.uid,
      gid: user.gid,
      kill: killSshd,
      start: startSshd,
      rotateHostKey: async () => {
        await killSshd();
        await newHostKey();
        await startSshd();
      },
      pids: () => {
        const pids = new Set<number>();
        if (sshdPid) processTree(sshdPid).forEach((p) => pids.add(p));
        if (keys && alive(keys.agentPid)) pids.add(keys.agentPid);
        if (user.dedicated) processesOfUid(user.uid).forEach((p) => pids.add(p));
        for (const src of pidSources) src().filter(alive).forEach((p) => pids.add(p));
        return [...pids];
      },
      stop: stopAll,
    };
    const internals: DropletInternals = {
      loginUser: user,
      runAs: (extra) => runAs(user, extra),
      onStop: (fn) => cleanups.push(fn),
      addPids: (fn) => pidSources.push(fn),
    };
    return { droplet, internals };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** A ~/bin on PATH for SSH sessions too: Debian's bash reads ~/.bashrc for `ssh host cmd`. */
function writeLoginShellFiles(user: LoginUser): void {
  if (!user.dedicated) return;
  const bin = join(user.home, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(
    join(user.home, '.bashrc'),
    [
      '# Opsdeck test fleet: set before the interactive check so `ssh host cmd` sees them too.',
      'export PATH="$HOME/bin:$PATH"',
      // A bare `pm2` would otherwise start a daemon wherever HOME points; name it explicitly.
      'export PM2_HOME="$HOME/.pm2"',
      'case $- in *i*) ;; *) return;; esac',
      "PS1='\\u@\\h:\\w\\$ '",
      '',
    ].join('\n'),
  );
  writeFileSync(join(user.home, '.profile'), '[ -f "$HOME/.bashrc" ] && . "$HOME/.bashrc"\n');
  for (const p of [bin, join(user.home, '.bashrc'), join(user.home, '.profile')]) chownSync(p, user.uid, user.gid);
}
