import { describe, expect, it } from 'vitest';
import { AuditEntry } from '../../../../src-main/contract';
import { AuditLog } from '../../../../src-main/core/audit/audit-log';
import { csvField } from '../../../../src-main/core/audit/audit-export';
import { EventBus } from '../../../../src-main/core/event-bus';
import { openStore } from '../../../../src-main/core/store/open-store';
import { tempDir } from '../helpers';

function setup() {
  const store = openStore({ dataDir: tempDir() });
  const bus = new EventBus();
  const appended: string[] = [];
  bus.on('audit.appended', ({ id }) => appended.push(id));
  return { store, bus, appended, audit: new AuditLog({ db: store.db, bus, osUser: 'alice' }) };
}

/** Minimal RFC 4180 reader, to prove the export round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('AuditLog', () => {
  it('records who, when and what, redacted, and emits audit.appended', () => {
    const { audit, appended } = setup();
    const id = audit.record({
      action: 'service.backup',
      targetKind: 'service',
      targetId: 'svc_1',
      targetName: 'db',
      command: 'PGPASSWORD=hunter2 pg_dump postgres://app:pw@db/app',
      details: 'password: set, token=abc123',
    });
    expect(appended).toEqual([id]);
    const [entry] = audit.list();
    expect(AuditEntry.parse(entry)).toEqual(entry);
    expect(entry).toMatchObject({ id, osUser: 'alice', action: 'service.backup', result: 'ok', targetId: 'svc_1' });
    expect(entry!.command).toBe('PGPASSWORD=*** pg_dump postgres://app:***@db/app');
    expect(entry!.details).toBe('password: set, token=***');
    expect(new Date(entry!.ts).toISOString()).toBe(entry!.ts);
  });

  it('lists newest first, pages with beforeTs and searches literally', async () => {
    const { audit } = setup();
    for (let i = 0; i < 5; i++) {
      audit.record({ action: i % 2 ? 'host.update' : 'host.create', targetKind: 'host', targetId: null, targetName: `web-${i}`, details: i === 3 ? '100% done_x' : '' });
      await new Promise((r) => setTimeout(r, 3));
    }
    const all = audit.list();
    expect(all.map((e) => e.targetName)).toEqual(['web-4', 'web-3', 'web-2', 'web-1', 'web-0']);
    expect(audit.list({ limit: 2 }).map((e) => e.targetName)).toEqual(['web-4', 'web-3']);
    expect(audit.list({ beforeTs: all[1]!.ts }).map((e) => e.targetName)).toEqual(['web-2', 'web-1', 'web-0']);
    expect(audit.list({ search: 'host.update' }).map((e) => e.targetName)).toEqual(['web-3', 'web-1']);
    expect(audit.list({ search: '100%' }).map((e) => e.targetName)).toEqual(['web-3']);
    expect(audit.list({ search: 'e_x' })).toHaveLength(1); // '_' is literal, not a wildcard
    expect(audit.list({ search: 'WEB-2' }).map((e) => e.targetName)).toEqual(['web-2']);
  });

  it('exports CSV with every column, properly quoted, oldest first', () => {
    const { audit } = setup();
    audit.record({ action: 'host.create', targetKind: 'host', targetId: 'hst_1', targetName: 'web, "primary"', details: 'line one\nline two' });
    audit.record({ action: 'ssh.exec', targetKind: 'host', targetId: null, targetName: '=cmd()', command: 'echo a,b', result: 'error' });
    const out = audit.export('csv');
    expect(out.mime).toBe('text/csv');
    expect(out.filename).toMatch(/^opsdeck-audit-\d{8}-\d{6}\.csv$/);
    const rows = parseCsv(out.content);
    expect(rows[0]).toEqual(['id', 'ts', 'osUser', 'action', 'targetKind', 'targetId', 'targetName', 'command', 'result', 'details']);
    expect(rows).toHaveLength(3);
    expect(rows[1]!.slice(2)).toEqual(['alice', 'host.create', 'host', 'hst_1', 'web, "primary"', '', 'ok', 'line one\nline two']);
    // A formula-looking cell is defused for spreadsheets.
    expect(rows[2]!.slice(3)).toEqual(['ssh.exec', 'host', '', "'=cmd()", 'echo a,b', 'error', '']);
  });

  it('exports JSON that matches the contract', () => {
    const { audit } = setup();
    audit.record({ action: 'a', targetKind: 'k', targetId: null, targetName: 'n', command: 'curl -H "Authorization: Bearer xyz"' });
    const out = audit.export('json');
    expect(out.mime).toBe('application/json');
    const parsed = AuditEntry.array().parse(JSON.parse(out.content));
    expect(parsed[0]!.command).toBe('curl -H "Authorization: Bearer ***"');
  });

  it('quotes CSV fields', () => {
    expect(csvField(null)).toBe('');
    expect(csvField('plain')).toBe('"plain"');
    expect(csvField('a"b')).toBe('"a""b"');
    expect(csvField('-x')).toBe(`"'-x"`);
  });
});
