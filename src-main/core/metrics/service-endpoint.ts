import { readFileSync } from 'node:fs';
import tls, { type ConnectionOptions } from 'node:tls';
import type { Service } from '../../contract/inventory';
import { AppError } from '../../contract/errors';

/** Where and as whom to connect to a PostgreSQL or Redis service. Holds a secret: never log it. */
export interface Endpoint {
  /** The address as the service's host sees it (tunnel) or as this machine does (direct). */
  host: string;
  port: number;
  /** true: through the host's SSH connection (the address is the host's loopback). */
  tunnel: boolean;
  tls: boolean;
  /** For TLS: the name in the server's certificate (the URL's host name). */
  servername: string | null;
  user: string | null;
  password: string | null;
  database: string | null;
}

export interface CredentialSource {
  credential(id: string): { id: string; kind: string; username: string } | undefined;
  /** The credential's secret value from the vault (throws VAULT_LOCKED when locked). */
  secret(credentialId: string): string | null;
}

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|::1|\[::1\]|0\.0\.0\.0)$/i;

function parseUrl(u: string | undefined): URL | null {
  if (!u) return null;
  try {
    return new URL(u);
  } catch {
    return null;
  }
}

/**
 * The rule: a service whose address (config.url's host, default 127.0.0.1) is a loopback
 * address — the usual droplet setup, where the database listens on 127.0.0.1 only — is reached
 * through its host's SSH connection; any other address is reached directly from this machine.
 * Password: the service's credential (vault) — a `database-url` credential is a URL whose user,
 * password and database are used; any other kind is username + secret value. TLS: `rediss://`,
 * or `sslmode=require|verify-ca|verify-full` in a PostgreSQL URL; verified against the system's
 * CAs plus the extra CAs Opsdeck trusts (OPSDECK_EXTRA_CA_CERTS), and the URL's host name.
 */
export function serviceEndpoint(s: Service, creds: CredentialSource, defaults: { port: number; tlsSchemes: string[]; sslmode?: boolean }): Endpoint {
  const url = parseUrl(s.config.url);
  const hostName = url?.hostname ? url.hostname.replace(/^\[|\]$/g, '') : '127.0.0.1';
  const tunnel = LOOPBACK.test(hostName);
  if (tunnel && !s.hostId) {
    throw new AppError('VALIDATION', `${s.name} listens on ${hostName} but has no host to reach it through.`, 'Set the service’s host, or give it an address this computer can reach.');
  }
  let user: string | null = url?.username ? decodeURIComponent(url.username) : null;
  let password: string | null = url?.password ? decodeURIComponent(url.password) : null;
  let database: string | null = s.config.databaseName ?? (url && url.pathname.length > 1 ? decodeURIComponent(url.pathname.slice(1)) : null);
  if (s.credentialId) {
    const c = creds.credential(s.credentialId);
    const value = c ? creds.secret(c.id) : null;
    if (c?.kind === 'database-url' && value) {
      const cu = parseUrl(value);
      if (cu) {
        user = cu.username ? decodeURIComponent(cu.username) : user;
        password = cu.password ? decodeURIComponent(cu.password) : password;
        database = database ?? (cu.pathname.length > 1 ? decodeURIComponent(cu.pathname.slice(1)) : null);
      }
    } else if (c) {
      user = c.username || user;
      password = value ?? password;
    }
  }
  const port = url?.port ? Number(url.port) : (s.config.port ?? defaults.port);
  const sslmode = url?.searchParams.get('sslmode') ?? '';
  const tls = !!url && (defaults.tlsSchemes.includes(url.protocol.replace(/:$/, '')) || (!!defaults.sslmode && ['require', 'verify-ca', 'verify-full'].includes(sslmode)));
  return { host: hostName, port, tunnel, tls, servername: tls && !/^[\d.]+$|:/.test(hostName) ? hostName : null, user, password, database };
}

/** The defaults of `serviceEndpoint` for a kind: Redis 6379 (`rediss://` is TLS), PostgreSQL 5432 (`sslmode`). */
export function endpointDefaults(kind: 'postgres' | 'redis'): { port: number; tlsSchemes: string[]; sslmode?: boolean } {
  return kind === 'redis' ? { port: 6379, tlsSchemes: ['rediss'] } : { port: 5432, tlsSchemes: [], sslmode: true };
}

/** The `ca` option trusting the system's CAs plus `extraCa` (none when there are no extra CAs: Node's default). */
export function trustedCa(extraCa: string[]): { ca?: string[] } {
  return extraCa.length ? { ca: [...tls.rootCertificates, ...extraCa] } : {};
}

/**
 * TLS options for an endpoint: the extra CAs, and the identity checked against the service's
 * own host name (a tunnel connects to 127.0.0.1 locally, the certificate names the server).
 */
export function endpointTls(e: Endpoint, extraCa: string[]): ConnectionOptions | undefined {
  if (!e.tls) return undefined;
  return {
    servername: e.servername ?? undefined,
    ...trustedCa(extraCa),
    checkServerIdentity: (_host, cert) => tls.checkServerIdentity(e.host, cert),
  };
}

/**
 * Extra CAs from the file OPSDECK_EXTRA_CA_CERTS names (PEM, one or more certificates), read
 * once by metrics and by health; an unreadable file means the system CAs only (`onUnreadable` says so).
 */
export function extraCaFromEnv(onUnreadable?: (file: string, err: unknown) => void): string[] {
  const file = process.env.OPSDECK_EXTRA_CA_CERTS;
  if (!file) return [];
  try {
    return [readFileSync(file, 'utf8')];
  } catch (err) {
    onUnreadable?.(file, err);
    return [];
  }
}
