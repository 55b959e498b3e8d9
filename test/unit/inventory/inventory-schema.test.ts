import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migration001 } from '../../../src-main/core/store/migrations/001-core';
import { migration002 } from '../../../src-main/core/store/migrations/002-inventory';
import { newInventoryId } from '../../../src-main/core/inventory/inventory-ids';

function migrated() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of [migration001, migration002]) db.transaction(() => m.up(db))();
  return db;
}

describe('migration 002 (inventory tables)', () => {
  it('is version 2 and creates the six tables', () => {
    expect(migration002.version).toBe(2);
    const db = migrated();
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['projects', 'environments', 'hosts', 'services', 'links', 'credentials']));
  });

  it('backs up the rules: NOCASE unique names, cascades, SET NULL, no self-links', () => {
    const db = migrated();
    const now = new Date().toISOString();
    db.prepare("INSERT INTO projects VALUES ('prj_a', 'Acme', '', ?, ?)").run(now, now);
    expect(() => db.prepare("INSERT INTO projects VALUES ('prj_b', 'ACME', '', ?, ?)").run(now, now)).toThrow(/UNIQUE/);
    db.prepare("INSERT INTO environments VALUES ('env_a', 'prj_a', 'production', 'production', ?, ?)").run(now, now);
    db.prepare("INSERT INTO credentials VALUES ('crd_a', 'key', 'ssh-key', '', '', ?, ?)").run(now, now);
    db.prepare(
      "INSERT INTO hosts (id, environment_id, name, address, username, auth_method, provider, credential_id, created_at, updated_at) VALUES ('hst_a', 'env_a', 'web', '203.0.113.1', 'root', 'key', 'vps', 'crd_a', ?, ?)",
    ).run(now, now);
    const svc = db.prepare(
      "INSERT INTO services (id, environment_id, host_id, name, kind, created_at, updated_at) VALUES (?, 'env_a', 'hst_a', ?, 'container', ?, ?)",
    );
    svc.run('svc_a', 'api', now, now);
    svc.run('svc_b', 'db', now, now);
    expect(() => db.prepare("INSERT INTO links VALUES ('lnk_x', 'svc_a', 'svc_a', 'depends-on', ?)").run(now)).toThrow(/CHECK/);
    db.prepare("INSERT INTO links VALUES ('lnk_a', 'svc_a', 'svc_b', 'uses-database', ?)").run(now);

    db.prepare("DELETE FROM credentials WHERE id = 'crd_a'").run();
    expect(db.prepare("SELECT credential_id FROM hosts WHERE id = 'hst_a'").get()).toEqual({ credential_id: null });
    db.prepare("DELETE FROM projects WHERE id = 'prj_a'").run();
    for (const t of ['environments', 'hosts', 'services', 'links']) {
      expect((db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n, t).toBe(0);
    }
  });

  it('makes ids of prefix and 16 base62 characters', () => {
    const ids = new Set(Array.from({ length: 500 }, () => newInventoryId('hst')));
    expect(ids.size).toBe(500);
    for (const id of ids) expect(id).toMatch(/^hst_[A-Za-z0-9]{16}$/);
  });
});
