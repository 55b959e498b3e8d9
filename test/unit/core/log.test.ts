import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-main/contract/errors';
import { createLogger, redact } from '../../../src-main/core/log';
import { tempDir } from './helpers';

describe('logger', () => {
  it('writes redacted lines; errors with message and stack only', () => {
    const dir = tempDir();
    const log = createLogger({ dataDir: dir });
    log.info('connecting to postgres://app:hunter2@db/app', { host: 'db', attempt: 2 });
    const err = new AppError('VALIDATION', 'bad input', 'fix it', { typed: 'my-secret-input' });
    log.error('call hosts.create failed', err);
    log.debug('not shown at info level');
    const text = fs.readFileSync(path.join(dir, 'logs', 'opsdeck.log'), 'utf8');
    expect(text).toContain('INFO connecting to postgres://app:***@db/app {"host":"db","attempt":2}');
    expect(text).not.toContain('hunter2');
    expect(text).toContain('ERROR call hosts.create failed\n[VALIDATION] bad input\n    at ');
    expect(text).not.toContain('my-secret-input');
    expect(text).not.toContain('not shown');
  });

  it('rotates at the size limit and keeps 3 old files', () => {
    const dir = tempDir();
    const log = createLogger({ dataDir: dir, maxBytes: 1000 });
    for (let i = 0; i < 200; i++) log.info(`line ${i} ${'x'.repeat(80)}`);
    const files = fs.readdirSync(path.join(dir, 'logs')).sort();
    expect(files).toEqual(['opsdeck.log', 'opsdeck.log.1', 'opsdeck.log.2', 'opsdeck.log.3']);
    for (const f of files) expect(fs.statSync(path.join(dir, 'logs', f)).size).toBeLessThanOrEqual(1000);
    expect(fs.readFileSync(path.join(dir, 'logs', 'opsdeck.log'), 'utf8')).toContain('line 199 ');
  });

  it('redact caps very long text', () => {
    expect(redact('a'.repeat(20_000))).toMatch(/characters cut\]$/);
    expect(redact('token=abc')).toBe('token=***');
  });
});
