import type { AuditEntry } from '../../contract';
import { redactNullable, redactSecrets } from '../secrets/redact';

export const AUDIT_COLUMNS = ['id', 'ts', 'osUser', 'action', 'targetKind', 'targetId', 'targetName', 'command', 'result', 'details'] as const;

/**
 * One CSV field (RFC 4180): always quoted, quotes doubled. A leading = + - @ or tab/CR gets a
 * ' in front so a spreadsheet shows the text instead of running it as a formula.
 */
export function csvField(value: string | null): string {
  if (value === null) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** Exports pass through redaction again: rows written by an older Opsdeck were not. */
function clean(e: AuditEntry): AuditEntry {
  return { ...e, command: redactNullable(e.command), details: redactSecrets(e.details) };
}

export function auditToCsv(entries: AuditEntry[]): string {
  const lines = [AUDIT_COLUMNS.join(',')];
  for (const e of entries.map(clean)) {
    lines.push(AUDIT_COLUMNS.map((c) => csvField(e[c])).join(','));
  }
  // CRLF per RFC 4180; spreadsheets on every OS read it.
  return lines.join('\r\n') + '\r\n';
}

export function auditToJson(entries: AuditEntry[]): string {
  return JSON.stringify(entries.map(clean), null, 2) + '\n';
}

export function exportFilename(format: 'csv' | 'json', now = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return `opsdeck-audit-${stamp}.${format}`;
}
