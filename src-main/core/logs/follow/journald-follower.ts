import type { LogLevel } from '../../../contract/logs';
import { isAppError } from '../../../contract/errors';
import { cmd, type RemoteCommand } from '../../connectors/ssh/remote-command';
import { LineSplitter, decodeLine } from './line-splitter';
import { RECONNECT_DELAYS, sleep, type Follower, type FollowSsh, type SourceLine, type SourceSink } from './types';

/**
 * journalctl in JSON, fixed text; $1 unit, $2 mode (`history`: the last $3 entries and exit;
 * `follow`: entries after cursor $3, or from now when empty, until closed).
 */
export const JOURNAL_SCRIPT = String.raw`U="$1"; M="$2"; A="$3"
PATH="$PATH:/usr/local/bin:/usr/bin:/bin"
command -v journalctl >/dev/null 2>&1 || { echo "OPSDECK: journalctl not found" >&2; exit 127; }
if [ "$M" = history ]; then exec journalctl --no-pager -o json -u "$U" -n "$A"; fi
if [ -n "$A" ]; then exec journalctl --no-pager -o json -u "$U" --after-cursor "$A" -f; fi
exec journalctl --no-pager -o json -u "$U" -n 0 -f`;

export function journalCommand(unit: string, mode: 'history' | 'follow', arg: string | number): RemoteCommand {
  return cmd('sh', '-c', JOURNAL_SCRIPT, 'opsdeck-journal', unit, mode, arg);
}

/** syslog priorities → levels (0–3 error, 4 warning, 5–6 info, 7 debug). */
export function levelOfPriority(p: unknown): LogLevel | null {
  const n = typeof p === 'string' ? Number(p) : typeof p === 'number' ? p : NaN;
  if (!Number.isInteger(n) || n < 0 || n > 7) return null;
  return n <= 3 ? 'error' : n === 4 ? 'warn' : n <= 6 ? 'info' : 'debug';
}

/** One `journalctl -o json` entry → its cursor and line; null when it is not an entry. */
export function journalEntry(json: string, at: number): { cursor: string; line: SourceLine } | null {
  let e: Record<string, unknown>;
  try {
    e = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (typeof e.__CURSOR !== 'string') return null;
  const m = e.MESSAGE;
  // journald sends a message that is not valid UTF-8 as an array of bytes.
  const bytes = typeof m === 'string' ? Buffer.from(m, 'utf8') : Array.isArray(m) ? Buffer.from(m.filter((b): b is number => typeof b === 'number')) : Buffer.alloc(0);
  const { text, truncatedBytes } = decodeLine(bytes);
  const us = typeof e.__REALTIME_TIMESTAMP === 'string' ? Number(e.__REALTIME_TIMESTAMP) : NaN;
  return {
    cursor: e.__CURSOR,
    line: { text, truncatedBytes, ts: Number.isFinite(us) ? Math.floor(us / 1000) : null, at, level: levelOfPriority(e.PRIORITY) },
  };
}

/**
 * Follows a systemd unit's journal: the last `tail` entries, then `--after-cursor` the last one
 * delivered, so a reconnect resumes exactly after it (journald's cursors are exact).
 */
export function followJournal(ssh: FollowSsh, o: { hostId: string; hostName: string; unit: string; tail: number }, sink: SourceSink): Follower {
  const abort = new AbortController();
  let cursor = '';
  let historyDone = false;
  let close: (() => void) | null = null;

  async function history(): Promise<void> {
    const r = await ssh.exec(o.hostId, journalCommand(o.unit, 'history', Math.max(1, o.tail)), { timeoutMs: 60_000, maxOutputBytes: 256 * 1024 * 1024, signal: abort.signal });
    if (r.code === 127) throw new Error('journalctl-missing');
    const at = Date.now();
    const lines: SourceLine[] = [];
    for (const json of r.stdout.split('\n')) {
      const e = journalEntry(json, at);
      if (!e) continue;
      cursor = e.cursor;
      lines.push(e.line);
    }
    historyDone = true;
    sink.initial(o.tail > 0 ? lines.slice(-o.tail) : []);
  }

  async function follow(): Promise<void> {
    const s = await ssh.execStream(o.hostId, journalCommand(o.unit, 'follow', cursor), { signal: abort.signal });
    close = () => s.close();
    if (abort.signal.aborted) s.close();
    sink.status('following', null);
    const split = new LineSplitter();
    s.stdout.on('data', (chunk: Buffer) => {
      const at = Date.now();
      const out: SourceLine[] = [];
      for (const l of split.push(chunk)) {
        const e = journalEntry(l.text, at);
        if (!e) continue;
        cursor = e.cursor;
        out.push(e.line);
      }
      if (out.length) sink.lines(out);
    });
    try {
      await s.done;
    } finally {
      close = null;
    }
  }

  void (async () => {
    sink.status('connecting', null);
    let failures = 0;
    while (!abort.signal.aborted) {
      try {
        if (!historyDone) await history();
        await follow();
        failures = 0;
      } catch (err) {
        if (abort.signal.aborted) return;
        if ((err as Error)?.message === 'journalctl-missing') {
          if (!historyDone) sink.initial([]);
          sink.status('error', `${o.hostName} has no journalctl: this host does not keep a systemd journal.`);
          return;
        }
        failures++;
        sink.status(failures > 3 ? 'error' : 'reconnecting', isAppError(err) ? err.message : `Reading the journal of ${o.unit} on ${o.hostName} failed.`);
      }
      if (abort.signal.aborted) return;
      if (failures === 0) sink.status('reconnecting', `The journal of ${o.unit} on ${o.hostName} stopped; resuming after the last entry.`);
      await sleep(RECONNECT_DELAYS[Math.min(failures, RECONNECT_DELAYS.length - 1)]! || 250, abort.signal);
    }
  })();

  return {
    stop() {
      abort.abort();
      close?.();
    },
  };
}
