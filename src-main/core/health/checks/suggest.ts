import type { CheckCreate, Service } from '../../../contract';

type Suggestion = Omit<CheckCreate, 'config'> & { config: CheckCreate['config'] };

const defaults = { intervalSec: 60, timeoutMs: 10_000, retries: 3, renotifyEvery: 0, flapSuppression: true, enabled: true } as const;

/**
 * Checks that fit a service, from what the inventory knows: its URL (+ health path) → HTTP, an
 * https URL → TLS expiry, a port on a host → TCP, a PM2 name on a host → PM2, PostgreSQL and
 * Redis kinds → a ping with the service's credential. Nothing is created; the user picks.
 */
export function suggestChecks(service: Service, hostAddress: string | null): Suggestion[] {
  const out: Suggestion[] = [];
  const add = (name: string, config: Suggestion['config'], extra: Partial<Suggestion> = {}) =>
    out.push({ ...defaults, serviceId: service.id, name: `${service.name}: ${name}`.slice(0, 120), config, ...extra });
  const { url, healthPath, port, pm2Name } = service.config;
  let parsed: URL | null = null;
  try {
    parsed = url ? new URL(url) : null;
  } catch {
    parsed = null;
  }
  const isDb = service.kind === 'postgres' || service.kind === 'redis';
  if (parsed && /^https?:$/.test(parsed.protocol)) {
    const target = healthPath ? new URL(healthPath, parsed).toString() : parsed.toString();
    add(healthPath ? `HTTP ${healthPath}` : 'HTTP', { type: 'http', url: target, method: 'GET', expectStatus: ['2xx', '3xx'], ignoreTlsErrors: false });
    if (parsed.protocol === 'https:') {
      add('TLS certificate', { type: 'tls', host: parsed.hostname, port: Number(parsed.port) || 443, minDays: 14 }, { intervalSec: 3600 });
    }
  } else if (!parsed && healthPath && hostAddress && port) {
    add(`HTTP ${healthPath}`, { type: 'http', url: new URL(healthPath, `http://${hostForUrl(hostAddress)}:${port}`).toString(), method: 'GET', expectStatus: ['2xx', '3xx'], ignoreTlsErrors: false });
  }
  if (parsed && /^wss?:$/.test(parsed.protocol)) add('WebSocket', { type: 'websocket', url: parsed.toString() });
  if (pm2Name && service.hostId) add(`PM2 ${pm2Name}`, { type: 'pm2', hostId: service.hostId, app: pm2Name }, { retries: 1 });
  if (service.kind === 'postgres') add('PostgreSQL ping', { type: 'postgres', serviceId: service.id });
  if (service.kind === 'redis') add('Redis ping', { type: 'redis', serviceId: service.id });
  if (port && hostAddress && !isDb) {
    add(`TCP ${port}`, { type: 'tcp', host: hostAddress, port });
  }
  return out;
}

function hostForUrl(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}
