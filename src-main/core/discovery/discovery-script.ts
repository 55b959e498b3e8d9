import { ASROOT_FN, HAVE_FN, NGINX_DUMP_FN } from './shell-functions';

/**
 * The one remote script a scan runs (one round trip instead of ten). It is fixed text: the only
 * values it takes are positional arguments ($1 = the section marker nonce, $2 = a Docker socket
 * path or empty, $3 = 'api' to list containers through the Engine API only), passed through the SSH core's quoting helper, never spliced into the text.
 *
 * Output: for each section, "@@<nonce> begin NAME", the command's output, then
 * "@@<nonce> end NAME RC". The nonce is random per scan so that no file content (an nginx
 * config, a crontab) can forge a section boundary.
 */

export const SECTIONS = ['tools', 'pm2', 'nginx', 'docker', 'sockets', 'ports', 'ufw', 'crontab', 'cron-files', 'df', 'os', 'uptime', 'kernel'] as const;
export type SectionName = (typeof SECTIONS)[number];

export interface Section {
  name: string;
  output: string;
  /** The exit status the script recorded (127 = the tool is missing). */
  code: number | null;
}

export const DISCOVERY_SCRIPT = String.raw`N="$1"; SOCK="$2"; VIA="$3"
export LC_ALL=C
PATH="$PATH:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
begin() { printf '\n@@%s begin %s\n' "$N" "$1"; }
end() { printf '\n@@%s end %s %s\n' "$N" "$1" "$2"; }
${HAVE_FN}
${ASROOT_FN}
find_pm2() {
  if have pm2; then command -v pm2; return 0; fi
  for p in "$HOME/bin/pm2" "$HOME/.npm-global/bin/pm2" "$HOME/.local/bin/pm2" /usr/local/bin/pm2 /usr/local/lib/node_modules/pm2/bin/pm2 /usr/lib/node_modules/pm2/bin/pm2 "$HOME"/.nvm/versions/node/*/bin/pm2 "$HOME/node_modules/.bin/pm2" /opt/*/node_modules/.bin/pm2 /srv/*/node_modules/.bin/pm2 /var/www/*/node_modules/.bin/pm2; do
    if [ -x "$p" ]; then echo "$p"; return 0; fi
  done
  return 1
}
PM2=$(find_pm2)

begin tools
for t in pm2 nginx docker podman ss netstat ufw crontab df sudo; do
  if [ "$t" = pm2 ] && [ -n "$PM2" ]; then echo "pm2 $PM2"; elif p=$(command -v "$t" 2>/dev/null); then echo "$t $p"; else echo "$t -"; fi
done
echo "user $(id -un 2>/dev/null) $(id -u 2>/dev/null)"
end tools 0

begin pm2
if [ -z "$PM2" ]; then rc=127
else
  H=$PM2_HOME; [ -n "$H" ] || H="$HOME/.pm2"
  # Any bare pm2 call starts a daemon: ask only when one is running for this user.
  if [ -S "$H/rpc.sock" ]; then
    PATH="$(dirname "$PM2"):$PATH" "$PM2" jlist 2>/dev/null; rc=$?
  else echo "OPSDECK: no pm2 daemon at $H"; rc=3; fi
fi
end pm2 $rc

${NGINX_DUMP_FN}
begin nginx
nginx_dump; rc=$?
end nginx $rc

begin docker
if [ -n "$SOCK" ]; then export DOCKER_HOST="unix://$SOCK"; fi
# VIA=api: leave the CLI alone and let Opsdeck ask the Engine API over the socket.
if [ "$VIA" != api ] && have docker; then docker ps -a --no-trunc --format '{{json .}}' 2>&1; rc=$?; else rc=127; fi
end docker $rc

begin sockets
R=$XDG_RUNTIME_DIR; [ -n "$R" ] || R="/run/user/$(id -u)"
for s in "$SOCK" /var/run/docker.sock /run/docker.sock "$R/podman/podman.sock" /run/podman/podman.sock "$R/docker.sock"; do
  if [ -n "$s" ] && [ -S "$s" ]; then if [ -r "$s" ] && [ -w "$s" ]; then echo "$s rw"; else echo "$s denied"; fi; fi
done
end sockets 0

begin ports
if have ss; then ss -ltnp 2>&1; rc=$?; elif have netstat; then echo "OPSDECK: netstat"; netstat -ltnp 2>&1; rc=$?; else rc=127; fi
end ports $rc

begin ufw
if have ufw; then asroot ufw status verbose 2>&1; rc=$?; else echo "OPSDECK: not installed"; rc=127; fi
end ufw $rc

begin crontab
U=$(id -un 2>/dev/null)
if have crontab; then crontab -l 2>&1; rc=$?
elif [ -r "/var/spool/cron/crontabs/$U" ]; then cat "/var/spool/cron/crontabs/$U"; rc=$?
elif [ -r "/var/spool/cron/$U" ]; then cat "/var/spool/cron/$U"; rc=$?
else rc=127; fi
end crontab $rc

begin cron-files
for f in /etc/crontab /etc/cron.d/*; do
  if [ -f "$f" ] && [ -r "$f" ]; then printf '### file %s\n' "$f"; cat "$f"; echo; fi
done
end cron-files 0

begin df
df -P -k 2>/dev/null; rc=$?
end df $rc

begin os
cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release 2>/dev/null; rc=$?
end os $rc

begin uptime
cat /proc/uptime 2>/dev/null || uptime 2>/dev/null; rc=$?
end uptime $rc

begin kernel
uname -srm 2>/dev/null; rc=$?
end kernel $rc
`;

/** Splits the script's output into sections; a section cut off by the output cap has code null. */
export function splitSections(output: string, nonce: string): Map<string, Section> {
  const sections = new Map<string, Section>();
  const marker = new RegExp(`^@@${nonce} (begin|end) (\\S+)(?: (\\d+))?$`);
  let current: { name: string; lines: string[] } | null = null;
  for (const line of output.split('\n')) {
    const m = marker.exec(line);
    if (!m) {
      current?.lines.push(line);
      continue;
    }
    if (m[1] === 'begin') {
      current = { name: m[2], lines: [] };
    } else if (current && current.name === m[2]) {
      // begin/end each start with a newline of their own; drop the blank it leaves.
      if (current.lines.length && current.lines[current.lines.length - 1] === '') current.lines.pop();
      sections.set(current.name, { name: current.name, output: current.lines.join('\n'), code: m[3] === undefined ? null : Number(m[3]) });
      current = null;
    }
  }
  if (current) sections.set(current.name, { name: current.name, output: current.lines.join('\n'), code: null });
  return sections;
}

/** "pm2 /usr/bin/pm2" lines of the tools section. */
export function parseTools(output: string): { name: string; present: boolean; path: string | null }[] {
  const out: { name: string; present: boolean; path: string | null }[] = [];
  for (const line of output.split('\n')) {
    const m = /^(\S+) (.+)$/.exec(line.trim());
    if (!m || m[1] === 'user') continue;
    out.push({ name: m[1], present: m[2] !== '-', path: m[2] === '-' ? null : m[2] });
  }
  return out;
}

export function parseSshUser(output: string): { name: string; uid: number | null } | null {
  const m = /^user (\S+) (\d+)?/m.exec(output);
  return m ? { name: m[1], uid: m[2] ? Number(m[2]) : null } : null;
}
