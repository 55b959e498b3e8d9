import type Database from 'better-sqlite3';
import type { AuditEntry } from '../../contract';
import type { EventBus } from '../event-bus';
import type { AuditRecord, AuditRecorder } from '../ports';
import { redactNullable, redactSecrets } from '../secrets/redact';
import { newId, nowIso } from '../store/ids';
import { auditToCsv, auditToJson, exportFilename } from './audit-export';
import { currentOsUser } from './os-user';

export interface AuditListOptions {
  limit?: number;
  beforeTs?: string;
  search?: string;
}

export interface AuditExport {
  filename: string;
  mime: string;
  content: string;
}

interface Row {
  id: string;
  ts: string;
  os_user: string;
  action: string;
  target_kind: string;
  target_id: string | null;
  target_name: string;
  command: string | null;
  result: AuditEntry['result'];
  details: string;
}

const COLUMNS = 'id, ts, os_user, action, target_kind, target_id, target_name, command, result, details';
const toEntry = (r: Row): AuditEntry => ({
  id: r.id,
  ts: r.ts,
  osUser: r.os_user,
  action: r.action,
  targetKind: r.target_kind,
  targetId: r.target_id,
  targetName: r.target_name,
  command: r.command,
  result: r.result,
  details: r.details,
});

/** LIKE with the user's text taken literally. */
const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The audit trail: who did what to which target, and the exact remote command. Append-only;
 * command and details are redacted again here in case a caller forgot.
 */
export class AuditLog implements AuditRecorder {
  readonly osUser: string;

  constructor(private readonly deps: { db: Database.Database; bus: EventBus; osUser?: string }) {
    this.osUser = deps.osUser ?? currentOsUser();
  }

  record(entry: AuditRecord): string {
    const id = newId('aud');
    this.deps.db
      .prepare(`INSERT INTO audit (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(
        id,
        nowIso(),
        this.osUser,
        entry.action,
        entry.targetKind,
        entry.targetId,
        entry.targetName,
        redactNullable(entry.command),
        entry.result ?? 'ok',
        redactSecrets(entry.details ?? ''),
      );
    this.deps.bus.emit('audit.appended', { id });
    return id;
  }

  /** Newest first. `beforeTs` pages backwards; `search` matches any text column. */
  list(opts: AuditListOptions = {}): AuditEntry[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (opts.beforeTs) {
      where.push('ts < ?');
      args.push(opts.beforeTs);
    }
    const search = opts.search?.trim();
    if (search) {
      const cols = ['action', 'target_kind', 'target_id', 'target_name', 'command', 'details', 'os_user', 'result'];
      where.push(`(${cols.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`);
      for (let i = 0; i < cols.length; i++) args.push(likePattern(search));
    }
    const sql = `SELECT ${COLUMNS} FROM audit ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY ts DESC, seq DESC LIMIT ?`;
    args.push(Math.max(1, Math.min(opts.limit ?? 500, 5000)));
    return (this.deps.db.prepare(sql).all(...args) as Row[]).map(toEntry);
  }

  /** The whole trail, oldest first, as a file the UI offers for download. */
  export(format: 'csv' | 'json'): AuditExport {
    const rows = (this.deps.db.prepare(`SELECT ${COLUMNS} FROM audit ORDER BY ts ASC, seq ASC`).all() as Row[]).map(toEntry);
    return format === 'csv'
      ? { filename: exportFilename('csv'), mime: 'text/csv', content: auditToCsv(rows) }
      : { filename: exportFilename('json'), mime: 'application/json', content: auditToJson(rows) };
  }
}
