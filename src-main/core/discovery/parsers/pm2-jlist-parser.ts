/**
 * `pm2 jlist`: one JSON array of processes. pm2 copies the whole process environment into
 * `pm2_env.env` AND flattens it into `pm2_env` itself, so this parser keeps a fixed list of
 * fields and drops everything else before any other code sees it: secret values never leave
 * this function. Only env var NAMES are kept (and PORT, read as a number).
 */

export interface Pm2Process {
  name: string;
  pmId: number | null;
  status: string | null;
  pid: number | null;
  cwd: string | null;
  script: string | null;
  execMode: string | null;
  instances: number | null;
  port: number | null;
  outLog: string | null;
  errLog: string | null;
  restarts: number | null;
  /** Epoch ms when the process was (re)started. */
  startedAt: number | null;
  /** Names of the app's own environment variables (values are never kept). */
  envNames: string[];
}

export type Pm2ParseResult = { ok: true; processes: Pm2Process[] } | { ok: false; message: string };

/** Environment names that every process inherits from its shell or pm2; not the app's config. */
const INHERITED = new Set([
  'PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'PWD', 'OLDPWD', 'SHLVL', 'TERM', 'LANG', 'LANGUAGE', 'MAIL', '_', 'HOSTNAME',
  'MOTD_SHOWN', 'DISPLAY', 'EDITOR', 'PAGER', 'LESSOPEN', 'LESSCLOSE', 'LS_COLORS', 'TMPDIR', 'TZ', 'COLORTERM',
  'NODE_APP_INSTANCE', 'unique_id', 'name', 'namespace', 'status', 'km_link', 'vizion_running', 'instance_var',
]);
const INHERITED_PREFIX = /^(?:LC_|SSH_|XDG_|PM2_|pm_|DBUS_|NVM_|npm_|SUDO_|KUBERNETES_|axm_)/;

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function portFromArgs(args: unknown): number | null {
  const list = Array.isArray(args) ? args.filter((a): a is string => typeof a === 'string') : typeof args === 'string' ? args.split(/\s+/) : [];
  for (let i = 0; i < list.length; i++) {
    const m = /^--?(?:port|p)(?:=(\d+))?$/.exec(list[i]);
    if (!m) continue;
    const value = m[1] ?? list[i + 1];
    const n = Number(value);
    if (Number.isInteger(n) && n > 0 && n < 65536) return n;
  }
  return null;
}

function portFromEnv(env: Record<string, unknown>): number | null {
  const raw = env.PORT ?? env.port;
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : NaN;
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : null;
}

function envNames(env: Record<string, unknown>): string[] {
  return Object.keys(env)
    .filter((k) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) && !INHERITED.has(k) && !INHERITED_PREFIX.test(k))
    .filter((k) => typeof env[k] !== 'object' || env[k] === null)
    .sort();
}

function pick(entry: unknown): Pm2Process | null {
  if (!entry || typeof entry !== 'object') return null;
  const e = entry as Record<string, unknown>;
  const pe = (e.pm2_env && typeof e.pm2_env === 'object' ? e.pm2_env : {}) as Record<string, unknown>;
  const env = (pe.env && typeof pe.env === 'object' ? pe.env : {}) as Record<string, unknown>;
  const name = str(e.name) ?? str(pe.name);
  if (!name) return null;
  const instances = num(pe.instances);
  return {
    name,
    pmId: num(e.pm_id) ?? num(pe.pm_id),
    status: str(pe.status),
    pid: num(e.pid) || null,
    cwd: str(pe.pm_cwd) ?? str(pe.cwd),
    script: str(pe.pm_exec_path),
    execMode: str(pe.exec_mode)?.replace(/_mode$/, '') ?? null,
    instances,
    port: portFromArgs(pe.args) ?? portFromEnv(env),
    outLog: str(pe.pm_out_log_path),
    errLog: str(pe.pm_err_log_path),
    restarts: num(pe.restart_time),
    startedAt: num(pe.pm_uptime),
    envNames: envNames(env),
  };
}

/** Parses `pm2 jlist` output; tolerates banner lines pm2 may print before the JSON. */
export function parsePm2Jlist(output: string): Pm2ParseResult {
  const start = output.search(/^\s*\[/m);
  if (start < 0) return { ok: false, message: 'pm2 jlist printed no process list' };
  let data: unknown;
  try {
    data = JSON.parse(output.slice(start).trim());
  } catch {
    // Never echo the text: it holds every process's environment.
    return { ok: false, message: 'pm2 jlist printed something that is not JSON' };
  }
  if (!Array.isArray(data)) return { ok: false, message: 'pm2 jlist did not print a list' };
  const processes: Pm2Process[] = [];
  for (const entry of data) {
    const p = pick(entry);
    if (p) processes.push(p);
  }
  return { ok: true, processes };
}
