import net from 'node:net';
import tls from 'node:tls';
import type { CheckResult } from '../../../contract';
import { trustedCa } from '../../metrics/service-endpoint';
import { fail, networkErrorMessage, pass, since, type CheckContext } from './check-context';

const DAY_MS = 86_400_000;

/**
 * TLS certificate expiry: `value` is the whole days left; DOWN when fewer than `minDays` (or
 * expired). The handshake accepts any certificate so an untrusted or expired one can still be
 * read; whether this computer trusts it is said in the message.
 */
export function tlsCheck(cfg: { host: string; port: number; servername?: string; minDays: number }, ctx: CheckContext, now: () => number = Date.now): Promise<CheckResult> {
  const where = `${cfg.host}:${cfg.port}`;
  const servername = cfg.servername || (net.isIP(cfg.host) ? undefined : cfg.host);
  const t0 = performance.now();
  return new Promise((resolve) => {
    const socket = tls.connect({
      host: cfg.host,
      port: cfg.port,
      servername,
      rejectUnauthorized: false,
      ...trustedCa(ctx.extraCa),
    });
    const done = (r: CheckResult) => {
      clearTimeout(timer);
      ctx.signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => done(fail(`No TLS handshake with ${where} within ${ctx.timeoutMs} ms.`, since(t0))), ctx.timeoutMs);
    const onAbort = () => done(fail(`The check of ${where} was cancelled.`, since(t0)));
    ctx.signal?.addEventListener('abort', onAbort);
    socket.once('secureConnect', () => {
      const ms = since(t0);
      const cert = socket.getPeerCertificate();
      if (!cert || !cert.valid_to) return done(fail(`${where} sent no certificate.`, ms));
      const expires = Date.parse(cert.valid_to);
      const days = Math.floor((expires - now()) / DAY_MS);
      const subject = describeSubject(cert);
      const when = new Date(expires).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
      const trust = socket.authorized ? '' : ` Not trusted here: ${String(socket.authorizationError)}.`;
      if (expires <= now()) return done(fail(`The certificate of ${where} (${subject}) expired on ${when}.${trust}`, ms, days));
      const left = `${days} day${days === 1 ? '' : 's'} left`;
      if (days < cfg.minDays) return done(fail(`The certificate of ${where} (${subject}) expires on ${when}: ${left}, fewer than ${cfg.minDays}.${trust}`, ms, days));
      done(pass(`The certificate of ${where} (${subject}) expires on ${when} (${left}).${trust}`, ms, days));
    });
    socket.once('error', (err) => done(fail(networkErrorMessage(err, where, ctx.timeoutMs), since(t0))));
  });
}

function describeSubject(cert: tls.PeerCertificate): string {
  const cn = cert.subject?.CN;
  const alt = cert.subjectaltname ? `, ${cert.subjectaltname}` : '';
  return `${cn ? `CN=${Array.isArray(cn) ? cn.join(',') : cn}` : 'no CN'}${alt}`;
}
