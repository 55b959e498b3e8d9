import { execSync } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_LINE_MAX_CHARS } from '../../../src-main/contract';
import { capabilities } from '../../fleet';
import { startLogFleet, uiConnection, until, type LogFleet } from './follow-helpers';

/** Files that are odd on purpose, followed over real SSH: missing, unreadable, huge lines, bad bytes. */
let f: LogFleet;
beforeAll(async () => {
  f = await startLogFleet();
}, 60_000);
afterAll(async () => {
  await f?.stop();
});

const plain = (path: string) => ({ type: 'file' as const, hostId: f.hostId, path, format: { kind: 'plain' as const } });

describe('following odd files over SSH', () => {
  it('a file that does not exist yet: says so, then follows it from its first line once created', async () => {
    const path = join(f.logDir, 'later.log');
    const ui = uiConnection();
    const streamId = await ui.open(f.app, [plain(path)], { tail: 10 });
    await until(() => ui.statuses.some((s) => s.state === 'connecting' && /does not exist/.test(s.message ?? '')), 10_000, 'waiting status');
    writeFileSync(path, 'first\nsecond\n');
    await until(() => ui.lines.length === 2, 10_000, 'lines of the new file');
    expect(ui.lines.map((l) => l.text)).toEqual(['first', 'second']);
    await f.app.hub.handlers['streams.close']({ streamId }, ui.ctx);
  }, 30_000);

  it('a file name with quotes, $(…), spaces, a leading dash and non-ASCII is followed as that file, nothing runs', async () => {
    const name = `-we'ird $(touch pwned) \`id\` ñ; x.log`;
    const path = join(f.logDir, name);
    writeFileSync(path, 'hostile 1\n');
    const ui = uiConnection();
    const streamId = await ui.open(f.app, [plain(path)], { tail: 10 });
    await until(() => ui.lines.length === 1, 10_000, 'history');
    appendFileSync(path, 'hostile 2\n');
    renameSync(path, `${path}.1`);
    writeFileSync(path, 'hostile 3\n');
    await until(() => ui.lines.length === 3, 10_000, 'after rotation');
    expect(ui.lines.map((l) => l.text)).toEqual(['hostile 1', 'hostile 2', 'hostile 3']);
    expect(existsSync(join(f.d.home, 'pwned'))).toBe(false);
    expect(existsSync(join(f.logDir, 'pwned'))).toBe(false);
    await f.app.hub.handlers['streams.close']({ streamId }, ui.ctx);
  }, 30_000);

  it('a 1 MB line and invalid UTF-8: capped text with truncatedBytes, U+FFFD for bad bytes', async () => {
    const path = join(f.logDir, 'odd.log');
    writeFileSync(path, '');
    const ui = uiConnection();
    const streamId = await ui.open(f.app, [plain(path)], { tail: 0 });
    await until(() => ui.statuses.some((s) => s.state === 'following'), 10_000, 'following');
    appendFileSync(path, Buffer.concat([Buffer.alloc(1024 * 1024, 0x61), Buffer.from('\nbad \xff\xfe byte\r\n', 'latin1'), Buffer.from('ok ñ\n')]));
    await until(() => ui.lines.length === 3, 15_000, 'three lines');
    expect(ui.lines[0]!.text.length).toBe(LOG_LINE_MAX_CHARS);
    expect(ui.lines[0]!.truncatedBytes).toBe(1024 * 1024 - LOG_LINE_MAX_CHARS);
    expect(ui.lines[1]!.text).toBe('bad \uFFFD\uFFFD byte');
    expect(ui.lines[2]!.text).toBe('ok ñ');
    await f.app.hub.handlers['streams.close']({ streamId }, ui.ctx);
  }, 30_000);

  it.skipIf(!capabilities.separateLoginUser)('a file the SSH user cannot read: an error that says so', async () => {
    const path = join(f.logDir, 'secret.log');
    writeFileSync(path, 'root only\n');
    chmodSync(path, 0o600);
    const ui = uiConnection();
    const streamId = await ui.open(f.app, [plain(path)], { tail: 10 });
    await until(() => ui.statuses.some((s) => s.state === 'error'), 10_000, 'error status');
    expect(ui.statuses.find((s) => s.state === 'error')!.message).toBe(`Opsdeck cannot read ${path} on web-1: permission denied.`);
    expect(ui.lines).toEqual([]);
    await f.app.hub.handlers['streams.close']({ streamId }, ui.ctx);
  }, 30_000);

  it('two files in one stream: history merged by time; the connection going away ends the remote followers', async () => {
    const a = join(f.logDir, 'a.log');
    const b = join(f.logDir, 'b.log');
    const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
    writeFileSync(a, `${t(1)} ERROR a1\n${t(3)} INFO a3\n`);
    writeFileSync(b, `${t(2)} WARN b2\n${t(4)} INFO b4\n`);
    const ui = uiConnection();
    await ui.open(f.app, [plain(a), plain(b)], { tail: 10 });
    await until(() => ui.lines.length === 4, 15_000, 'history of both');
    const texts = ui.lines.map((l) => l.text.split(' ').pop());
    // Merged by the time read from the line when the parser reads it; else in source order.
    if (ui.lines.every((l) => l.tsFromLine)) expect(texts).toEqual(['a1', 'b2', 'a3', 'b4']);
    else expect(texts.sort()).toEqual(['a1', 'a3', 'b2', 'b4']);
    f.app.hub.closeConnection(ui.ctx.connectionId);
    await until(() => !/opsdeck-follow/.test(execSync(`ps -u ${f.d.user} -o args=`).toString()), 5000, 'remote followers gone');
  }, 30_000);
});
