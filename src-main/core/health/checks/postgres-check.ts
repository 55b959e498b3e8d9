import pg from 'pg';
import type { CheckResult } from '../../../contract';
import { fail, networkErrorMessage, pass, scrub, since, type CheckContext } from './check-context';
import { explainTunnel, type DbTarget, type TcpForwarder } from './service-endpoint';

/**
 * PostgreSQL: connect as the service's credential and run `SELECT 1`. `value` = the query's round
 * trip in ms. No startup parameters PgBouncer would refuse (no statement_timeout: the client's
 * query timeout bounds it). The password never reaches the message.
 */
export async function postgresCheck(t: DbTarget, ctx: CheckContext, ssh: TcpForwarder): Promise<CheckResult> {
  const client = new pg.Client({
    host: t.connectHost,
    port: t.connectPort,
    user: t.user ?? undefined,
    password: t.password ?? undefined,
    database: t.database ?? undefined,
    ssl: t.tls,
    connectionTimeoutMillis: ctx.timeoutMs,
    query_timeout: ctx.timeoutMs,
    application_name: 'opsdeck-health',
  });
  client.on('error', () => undefined);
  const t0 = performance.now();
  const onAbort = () => void client.end().catch(() => undefined);
  ctx.signal?.addEventListener('abort', onAbort);
  const through = t.via ? ' (through SSH)' : '';
  try {
    await client.connect();
    const q0 = performance.now();
    await client.query('SELECT 1');
    const queryMs = since(q0);
    const ms = since(t0);
    return pass(`PostgreSQL at ${t.where} answered SELECT 1 in ${Math.round(queryMs)} ms${through}.`, ms, queryMs);
  } catch (err) {
    const e = err as Error & { code?: string };
    let text: string;
    if (e.code && /^[0-9A-Z]{5}$/.test(e.code)) text = `PostgreSQL at ${t.where} refused: ${e.message} (SQLSTATE ${e.code}).`;
    else if (/timeout/i.test(e.message)) text = `No answer from PostgreSQL at ${t.where} within ${ctx.timeoutMs} ms${through}.`;
    else text = (await explainTunnel(t, ssh)) ?? networkErrorMessage(err, `PostgreSQL at ${t.where}`, ctx.timeoutMs);
    return fail(scrub(text, t.password), since(t0));
  } finally {
    ctx.signal?.removeEventListener('abort', onAbort);
    await client.end().catch(() => undefined);
  }
}
