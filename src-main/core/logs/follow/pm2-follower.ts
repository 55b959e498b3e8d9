import { isAppError } from '../../../contract/errors';
import { cmd } from '../../connectors/ssh/remote-command';
import { parsePm2Jlist } from '../../discovery/parsers/pm2-jlist-parser';
import { followFile } from './file-follower';
import { pm2Line } from './pm2-timestamp';
import { sleep, type Follower, type FollowSsh, type SourceSink } from './types';

/**
 * Asks PM2 for its process list without starting a daemon (only when one runs for this user);
 * pm2 is looked up where discovery looks. Fixed text, no arguments.
 */
export const PM2_JLIST_SCRIPT = String.raw`PATH="$PATH:/usr/local/bin:/usr/bin:/bin"
P=$(command -v pm2 2>/dev/null)
if [ -z "$P" ]; then for p in "$HOME/bin/pm2" "$HOME/.npm-global/bin/pm2" "$HOME/.local/bin/pm2" /usr/local/bin/pm2 /usr/local/lib/node_modules/pm2/bin/pm2 /usr/lib/node_modules/pm2/bin/pm2 "$HOME"/.nvm/versions/node/*/bin/pm2; do [ -x "$p" ] && { P=$p; break; }; done; fi
[ -n "$P" ] || { echo "OPSDECK: pm2 not found" >&2; exit 127; }
H=$PM2_HOME; [ -n "$H" ] || H="$HOME/.pm2"
[ -S "$H/rpc.sock" ] || { echo "OPSDECK: no pm2 daemon" >&2; exit 3; }
PATH="$(dirname "$P"):$PATH" exec "$P" jlist`;

export interface Pm2LogPaths {
  out: string | null;
  err: string | null;
}

/** The out and err log paths of one PM2 app (env values are dropped by the parser). */
export async function pm2LogPaths(ssh: FollowSsh, hostId: string, app: string): Promise<Pm2LogPaths | { error: string }> {
  const r = await ssh.exec(hostId, cmd('sh', '-c', PM2_JLIST_SCRIPT), { timeoutMs: 30_000, maxOutputBytes: 32 * 1024 * 1024 });
  if (r.code === 127) return { error: 'PM2 is not installed for this SSH user.' };
  if (r.code === 3) return { error: 'No PM2 daemon runs for this SSH user.' };
  if (r.code !== 0) return { error: `pm2 jlist failed (exit ${r.code ?? r.signal}).` };
  const parsed = parsePm2Jlist(r.stdout);
  if (!parsed.ok) return { error: parsed.message };
  const p = parsed.processes.find((x) => x.name === app);
  if (!p) return { error: `PM2 has no app named ${app}.` };
  return { out: p.outLog, err: p.errLog };
}

/** Follows a PM2 app's out or err log: paths from `pm2 jlist` once, then the file follower. */
export function followPm2(ssh: FollowSsh, o: { hostId: string; hostName: string; app: string; stream: 'out' | 'err'; tail: number }, sink: SourceSink): Follower {
  const abort = new AbortController();
  let inner: Follower | null = null;
  void (async () => {
    sink.status('connecting', null);
    for (let attempt = 0; !abort.signal.aborted; attempt++) {
      try {
        const paths = await pm2LogPaths(ssh, o.hostId, o.app);
        if (abort.signal.aborted) return;
        const path = 'error' in paths ? null : paths[o.stream];
        if (!path) {
          sink.initial([]);
          sink.status('error', 'error' in paths ? `${paths.error} (${o.hostName})` : `PM2 does not say where ${o.app}'s ${o.stream} log is on ${o.hostName}.`);
          return;
        }
        inner = followFile(ssh, { hostId: o.hostId, hostName: o.hostName, path, tail: o.tail, mapLine: pm2Line }, sink);
        return;
      } catch (err) {
        if (abort.signal.aborted) return;
        sink.status('reconnecting', isAppError(err) ? err.message : `Could not ask PM2 on ${o.hostName} for its logs.`);
        await sleep(Math.min(5000, 500 * 2 ** attempt), abort.signal);
      }
    }
  })();
  return {
    stop() {
      abort.abort();
      inner?.stop();
    },
  };
}
