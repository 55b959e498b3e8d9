import { chmodSync, chownSync, copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { alive, killAll, run, startProcess, stopPid, waitForPort } from './processes';
import { unmountUnder } from './stale-sweep';

/**
 * A Docker Engine API on a droplet, served by rootful podman (Docker runs as root too) with
 * every piece of its state inside `<dir>`: storage, run dir, events, config. The settings are
 * the ones that work on our machines (docs: ENVIRONMENT.md): runc, cgroupfs, ulimits 4096,
 * network none, vfs storage (no overlay mounts to leak), a busybox-static image made with
 * `podman import`. The socket is handed to the login user, as membership of the docker group
 * would on a real droplet, so SSH stream-local forwarding as that user reaches it.
 */
export interface PodmanInstance {
  socket: string;
  servicePid: number;
  image: string;
  podman(args: string[]): Promise<string>;
  containerPids(): number[];
  stop(): Promise<void>;
}

export const BUSYBOX_IMAGE = 'localhost/busybox-fleet:latest';

export async function startPodman(dir: string, owner: { uid: number; gid: number }): Promise<PodmanInstance> {
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  chmodSync(dir, 0o755);
  const graphroot = join(dir, 'storage');
  const runroot = join(dir, 'run');
  const tmp = join(dir, 'tmp');
  for (const d of [graphroot, runroot, tmp]) mkdirSync(d, { recursive: true, mode: 0o700 });
  const storageConf = join(dir, 'storage.conf');
  const containersConf = join(dir, 'containers.conf');
  writeFileSync(storageConf, `[storage]\ndriver = "vfs"\nrunroot = "${runroot}"\ngraphroot = "${graphroot}"\n`);
  writeFileSync(
    containersConf,
    `[containers]
default_ulimits = ["nofile=4096:4096", "nproc=4096:4096"]
netns = "none"
log_driver = "k8s-file"

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "${join(dir, 'events.log')}"
tmp_dir = "${tmp}"
volume_path = "${join(graphroot, 'volumes')}"
static_dir = "${join(graphroot, 'libpod')}"

[network]
network_config_dir = "${join(dir, 'networks')}"
`,
  );
  const env = {
    ...process.env,
    CONTAINERS_CONF: containersConf,
    CONTAINERS_STORAGE_CONF: storageConf,
    XDG_RUNTIME_DIR: runroot,
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_DATA_HOME: join(dir, 'data'),
    TMPDIR: tmp,
  };
  const globalArgs = ['--root', graphroot, '--runroot', runroot, '--tmpdir', tmp, '--storage-driver', 'vfs', '--cgroup-manager', 'cgroupfs', '--runtime', 'runc', '--events-backend', 'file'];
  const podman = async (args: string[]) => (await run('podman', [...globalArgs, ...args], { env, timeoutMs: 60_000 })).stdout;

  const socket = join(dir, 'podman.sock');
  const log = join(dir, 'service.log');
  const servicePid = startProcess('podman', [...globalArgs, 'system', 'service', '--time=0', `unix://${socket}`], log, { env });
  const stop = async () => {
    await podman(['rm', '--all', '--force', '--time', '0']).catch(() => undefined);
    await stopPid(servicePid);
    // conmon double-forks away from podman; any left would keep the container alive.
    await killAll(conmonPids(dir));
    // Container shm mounts outlive a killed podman and would make the dir undeletable.
    unmountUnder(dir);
  };
  try {
    await waitForPort('podman system service (Docker API)', { path: socket }, servicePid, log, 20_000);
    chownSync(socket, owner.uid, owner.gid);
    await importBusybox(dir, podman);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    socket,
    servicePid,
    image: BUSYBOX_IMAGE,
    podman,
    containerPids: () => conmonPids(dir),
    stop,
  };
}

/** An image from nothing but Debian's busybox-static: no registry is reachable here. */
async function importBusybox(dir: string, podman: (args: string[]) => Promise<string>): Promise<void> {
  const rootfs = join(dir, 'busybox-rootfs');
  mkdirSync(join(rootfs, 'bin'), { recursive: true });
  for (const d of ['tmp', 'etc', 'proc', 'sys', 'dev', 'var/log']) mkdirSync(join(rootfs, d), { recursive: true });
  copyFileSync('/bin/busybox', join(rootfs, 'bin', 'busybox'));
  chmodSync(join(rootfs, 'bin', 'busybox'), 0o755);
  for (const applet of ['sh', 'ls', 'cat', 'echo', 'sleep', 'date', 'ps', 'top', 'env', 'uptime', 'df', 'free', 'wget']) {
    symlinkSync('busybox', join(rootfs, 'bin', applet));
  }
  const tar = join(dir, 'busybox.tar');
  await run('tar', ['-C', rootfs, '-cf', tar, '.']);
  await podman(['import', '--change', 'CMD ["/bin/sh"]', '--change', 'ENV PATH=/bin', tar, BUSYBOX_IMAGE]);
}

/** conmon processes whose command line names this podman's dirs. */
function conmonPids(dir: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSafe('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (cmd.startsWith('/usr/bin/conmon') && cmd.includes(dir) && alive(Number(name))) pids.push(Number(name));
    } catch {
      // exited
    }
  }
  return pids;
}

function readdirSafe(p: string): string[] {
  try {
    return readdirSync(p);
  } catch {
    return [];
  }
}
