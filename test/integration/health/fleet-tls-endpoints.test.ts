import Redis from 'ioredis';
import { readFileSync } from 'node:fs';
import { connect as tlsConnect, type PeerCertificate } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capabilities, startServistech, type ServistechDroplet } from '../../fleet';

/**
 * The fleet's TLS endpoints on SERVISTECH: Redis over TLS (verified against the droplet's CA)
 * and the nginx endpoint whose certificate expires in 3 days.
 */
let st: ServistechDroplet;

beforeAll(async () => {
  st = await startServistech({ name: 'st-tls', redisTls: true });
}, 90_000);

afterAll(async () => {
  await st?.stop();
});

describe.skipIf(!capabilities.redis || !capabilities.nginx)('SERVISTECH TLS endpoints', () => {
  it('answers PING on the Redis TLS port with the password, verified by the droplet CA', async () => {
    const client = new Redis(`rediss://:${encodeURIComponent(st.redisPassword)}@127.0.0.1:${st.redisTlsPort}`, {
      tls: { ca: readFileSync(st.tlsCaPath) },
      lazyConnect: true,
      maxRetriesPerRequest: 0,
    });
    try {
      await client.connect();
      expect(await client.ping()).toBe('PONG');
    } finally {
      client.disconnect();
    }
    expect(st.redisTlsPort).not.toBe(st.redisPort);
  });

  it('serves a certificate that expires in under 3 days on expiringTlsPort', async () => {
    const cert = await new Promise<PeerCertificate>((resolve, reject) => {
      const s = tlsConnect({ host: st.host, port: st.expiringTlsPort, servername: st.expiringTlsServerName, ca: readFileSync(st.tlsCaPath) }, () => {
        const c = s.getPeerCertificate();
        s.end();
        resolve(c);
      });
      s.on('error', reject);
    });
    const daysLeft = (Date.parse(cert.valid_to) - Date.now()) / 86_400_000;
    expect(daysLeft).toBeGreaterThan(2);
    expect(daysLeft).toBeLessThanOrEqual(3);
    expect(cert.subject.CN).toBe(st.expiringTlsServerName);
  });
});
