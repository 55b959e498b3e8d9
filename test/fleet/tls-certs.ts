import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './processes';

/**
 * A droplet's own certificate authority (openssl, EC P-256) and certificates it signs, so TLS
 * clients can verify with `caPath` instead of turning verification off.
 */
export interface FleetCa {
  caPath: string;
  caKeyPath: string;
  dir: string;
}

export interface IssuedCert {
  certPath: string;
  keyPath: string;
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** Creates `<dir>/ca.pem` and `<dir>/ca.key` (valid 30 days). */
export async function createCa(dir: string, commonName: string): Promise<FleetCa> {
  mkdirSync(dir, { recursive: true });
  const caPath = join(dir, 'ca.pem');
  const caKeyPath = join(dir, 'ca.key');
  await run('openssl', ['req', '-x509', ...EC, '-days', '30', '-subj', `/CN=${commonName}`, '-keyout', caKeyPath, '-out', caPath]);
  return { caPath, caKeyPath, dir };
}

/** Issues `<dir>/<name>.pem` + `.key` for `commonName`, valid `days` days from now, with these SANs (`IP:…`, `DNS:…`). */
export async function issueCert(ca: FleetCa, o: { name: string; commonName: string; san: string[]; days: number }): Promise<IssuedCert> {
  const certPath = join(ca.dir, `${o.name}.pem`);
  const keyPath = join(ca.dir, `${o.name}.key`);
  const csrPath = join(ca.dir, `${o.name}.csr`);
  const extPath = join(ca.dir, `${o.name}.ext`);
  writeFileSync(extPath, `subjectAltName=${o.san.join(',')}\nextendedKeyUsage=serverAuth\n`);
  await run('openssl', ['req', ...EC, '-subj', `/CN=${o.commonName}`, '-keyout', keyPath, '-out', csrPath]);
  await run('openssl', [
    'x509', '-req', '-in', csrPath, '-CA', ca.caPath, '-CAkey', ca.caKeyPath,
    '-set_serial', `0x${randomBytes(8).toString('hex')}`, '-days', String(o.days), '-extfile', extPath, '-out', certPath,
  ]);
  return { certPath, keyPath };
}
