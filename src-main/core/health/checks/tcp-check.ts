import net from 'node:net';
import type { CheckResult } from '../../../contract';
import { fail, networkErrorMessage, pass, since, type CheckContext } from './check-context';

/** TCP: a connection is accepted on host:port within the timeout. Latency = connect time. */
export function tcpCheck(cfg: { host: string; port: number }, ctx: CheckContext): Promise<CheckResult> {
  const where = `${cfg.host}:${cfg.port}`;
  const t0 = performance.now();
  return new Promise((resolve) => {
    const socket = net.connect({ host: cfg.host, port: cfg.port });
    const done = (r: CheckResult) => {
      socket.destroy();
      clearTimeout(timer);
      ctx.signal?.removeEventListener('abort', onAbort);
      resolve(r);
    };
    const timer = setTimeout(() => done(fail(`No answer from ${where} within ${ctx.timeoutMs} ms.`, since(t0))), ctx.timeoutMs);
    const onAbort = () => done(fail(`The check of ${where} was cancelled.`, since(t0)));
    ctx.signal?.addEventListener('abort', onAbort);
    socket.once('connect', () => {
      const ms = since(t0);
      done(pass(`${where} accepted a connection in ${Math.round(ms)} ms.`, ms));
    });
    socket.once('error', (err) => done(fail(networkErrorMessage(err, where, ctx.timeoutMs), since(t0))));
  });
}
