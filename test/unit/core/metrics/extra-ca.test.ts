import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { extraCaFromEnv, trustedCa } from '../../../../src-main/core/metrics/service-endpoint';

const prev = process.env.OPSDECK_EXTRA_CA_CERTS;
afterEach(() => {
  if (prev === undefined) delete process.env.OPSDECK_EXTRA_CA_CERTS;
  else process.env.OPSDECK_EXTRA_CA_CERTS = prev;
});

describe('extra CAs (shared by metrics and health)', () => {
  it('reads the file OPSDECK_EXTRA_CA_CERTS names, and nothing when it is unset', () => {
    delete process.env.OPSDECK_EXTRA_CA_CERTS;
    expect(extraCaFromEnv()).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'opsdeck-ca-'));
    try {
      writeFileSync(join(dir, 'ca.pem'), 'PEM TEXT');
      process.env.OPSDECK_EXTRA_CA_CERTS = join(dir, 'ca.pem');
      expect(extraCaFromEnv()).toEqual(['PEM TEXT']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says so when the file cannot be read, and trusts the system CAs only', () => {
    process.env.OPSDECK_EXTRA_CA_CERTS = join(tmpdir(), 'opsdeck-no-such-ca.pem');
    const told: string[] = [];
    expect(extraCaFromEnv((file) => told.push(file))).toEqual([]);
    expect(told).toEqual([process.env.OPSDECK_EXTRA_CA_CERTS]);
  });

  it('adds extra CAs to the system ones, or leaves Node its default', () => {
    expect(trustedCa([])).toEqual({});
    expect(trustedCa(['X'])).toEqual({ ca: [...tls.rootCertificates, 'X'] });
  });
});
