import { cmd, type RemoteCommand } from '../connectors/ssh/remote-command';

/**
 * THE remote command of a host poll: one round trip reading /proc and `df`, through shell
 * builtins (`read`, `printf`) so that a poll forks one process only (`df`; `getconf` once at the
 * first poll): forks are most of a poll's remote CPU (measured: 5.0 ms with `cat` ×3, 2.5 ms
 * without; `npm run bench -- poll-cost`). Fixed text; its inputs are positional arguments
 * quoted by remote-command.ts: $1 section nonce, $2 `init` on the first poll, $3 a Docker
 * socket to try, then the PIDs of PM2 processes to read /proc/<pid>/stat and statm of.
 *
 * Sections as in discovery (`@@<nonce> begin NAME` … `@@<nonce> end NAME RC`), split by
 * discovery's `splitSections`. The last section, `self`, is the script's own /proc/$$/stat:
 * its utime+stime+cutime+cstime is the remote CPU the poll cost (shell and the commands it ran).
 */
export const HOST_SCRIPT = String.raw`N="$1"; INIT="$2"; SOCK="$3"; shift 3
export LC_ALL=C
b() { printf '\n@@%s begin %s\n' "$N" "$1"; }
e() { printf '\n@@%s end %s %s\n' "$N" "$1" "$2"; }
rd() { while IFS= read -r l || [ -n "$l" ]; do printf '%s\n' "$l"; done < "$1"; }
b stat; read -r l < /proc/stat; rc=$?; printf '%s\n' "$l"; e stat $rc
b loadavg; read -r l < /proc/loadavg; rc=$?; printf '%s\n' "$l"; e loadavg $rc
b uptime; read -r l < /proc/uptime; rc=$?; printf '%s\n' "$l"; e uptime $rc
b meminfo; rd /proc/meminfo; e meminfo $?
b diskstats; rd /proc/diskstats; e diskstats $?
b netdev; rd /proc/net/dev; e netdev $?
b df; df -P -B1 2>/dev/null; e df $?
b pids
for p in "$@"; do
  case "$p" in ''|*[!0-9]*) continue;; esac
  if [ -r "/proc/$p/stat" ] && read -r s < "/proc/$p/stat" && read -r m < "/proc/$p/statm"; then
    printf 'P %s %s\nM %s %s\n' "$p" "$s" "$p" "$m"
  else printf 'G %s\n' "$p"; fi
done
e pids 0
if [ "$INIT" = init ]; then
  b init
  printf 'tck %s\n' "$(getconf CLK_TCK 2>/dev/null)"
  printf 'page %s\n' "$(getconf PAGESIZE 2>/dev/null)"
  R=$XDG_RUNTIME_DIR; [ -n "$R" ] || R="/run/user/$(id -u)"
  for s in "$SOCK" /var/run/docker.sock /run/docker.sock "$R/podman/podman.sock" /run/podman/podman.sock "$R/docker.sock"; do
    if [ -n "$s" ] && [ -S "$s" ] && [ -r "$s" ] && [ -w "$s" ]; then printf 'sock %s\n' "$s"; fi
  done
  e init 0
fi
b self; read -r s < /proc/$$/stat; printf '%s\n' "$s"; e self 0
`;

/** The poll command for a host: nonce, first poll or not, a Docker socket to try, PM2 PIDs. */
export function hostPollCommand(nonce: string, init: boolean, dockerSocket: string | null, pids: number[]): RemoteCommand {
  return cmd('sh', '-c', HOST_SCRIPT, 'opsdeck-metrics', nonce, init ? 'init' : '-', dockerSocket ?? '', ...pids.map((p) => String(Math.trunc(p))));
}

/**
 * `pm2 jlist` for the login user, found as discovery finds it (PATH, ~/bin, npm-global, nvm…),
 * only when a daemon's rpc.sock exists (a bare pm2 call would start one). Exit 3: no daemon,
 * 127: no pm2. Runs rarely (see pm2-collector.ts): it starts Node on the host.
 */
export const PM2_JLIST_SCRIPT = String.raw`have() { command -v "$1" >/dev/null 2>&1; }
find_pm2() {
  if have pm2; then command -v pm2; return 0; fi
  for p in "$HOME/bin/pm2" "$HOME/.npm-global/bin/pm2" "$HOME/.local/bin/pm2" /usr/local/bin/pm2 /usr/local/lib/node_modules/pm2/bin/pm2 /usr/lib/node_modules/pm2/bin/pm2 "$HOME"/.nvm/versions/node/*/bin/pm2 "$HOME/node_modules/.bin/pm2"; do
    if [ -x "$p" ]; then echo "$p"; return 0; fi
  done
  return 1
}
PM2=$(find_pm2) || exit 127
H=$PM2_HOME; [ -n "$H" ] || H="$HOME/.pm2"
[ -S "$H/rpc.sock" ] || exit 3
PATH="$(dirname "$PM2"):$PATH" "$PM2" jlist 2>/dev/null
`;

/** The `pm2 jlist` command (see PM2_JLIST_SCRIPT). */
export function pm2JlistCommand(): RemoteCommand {
  return cmd('sh', '-c', PM2_JLIST_SCRIPT, 'opsdeck-pm2');
}
