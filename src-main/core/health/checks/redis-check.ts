import Redis from 'ioredis';
import type { CheckResult } from '../../../contract';
import { fail, networkErrorMessage, pass, scrub, since, type CheckContext } from './check-context';
import { explainTunnel, type DbTarget, type TcpForwarder } from './service-endpoint';

/**
 * Redis: PING with the credential's password (and username, for ACL users), over TLS for
 * `rediss://`. One connection, no retries, no offline queue: a dead server fails fast.
 */
export async function redisCheck(t: DbTarget, ctx: CheckContext, ssh: TcpForwarder): Promise<CheckResult> {
  const client = new Redis({
    host: t.connectHost,
    port: t.connectPort,
    username: t.user ?? undefined,
    password: t.password ?? undefined,
    tls: t.tls,
    lazyConnect: true,
    connectTimeout: ctx.timeoutMs,
    commandTimeout: ctx.timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    reconnectOnError: () => false,
    connectionName: 'opsdeck-health',
  });
  let lastError: unknown;
  client.on('error', (e) => (lastError = e));
  const t0 = performance.now();
  const onAbort = () => client.disconnect();
  ctx.signal?.addEventListener('abort', onAbort);
  const how = `${t.tls ? ' (TLS' : ''}${t.via ? `${t.tls ? ', ' : ' ('}through SSH` : ''}${t.tls || t.via ? ')' : ''}`;
  try {
    await client.connect();
    const q0 = performance.now();
    const pong = await client.ping();
    const pingMs = since(q0);
    const ms = since(t0);
    if (pong !== 'PONG') return fail(`Redis at ${t.where} answered ${JSON.stringify(pong)} to PING.`, ms);
    return pass(`Redis at ${t.where}${how} answered PONG in ${Math.round(pingMs)} ms.`, ms, pingMs);
  } catch (err) {
    const e = (lastError ?? err) as Error & { code?: string };
    const msg = e?.message ?? String(e);
    let text: string;
    if (/NOAUTH|WRONGPASS|invalid password|invalid username-password/i.test(msg)) text = `Redis at ${t.where} refused the login: ${msg.replace(/^ReplyError: /, '')}`;
    else if (/timeout|timed out/i.test(msg)) text = `No answer from Redis at ${t.where} within ${ctx.timeoutMs} ms${how}.`;
    else text = (await explainTunnel(t, ssh)) ?? networkErrorMessage(e, `Redis at ${t.where}`, ctx.timeoutMs);
    return fail(scrub(text, t.password), since(t0));
  } finally {
    ctx.signal?.removeEventListener('abort', onAbort);
    client.disconnect();
  }
}
