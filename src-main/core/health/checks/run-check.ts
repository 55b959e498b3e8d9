import type { CheckConfig, CheckResult } from '../../../contract';
import { AppError } from '../../../contract/errors';
import { fail, type CheckContext } from './check-context';
import { httpCheck } from './http-check';
import { metricCheck, type MetricsReader } from './metric-check';
import { pm2Check, type Pm2Exec } from './pm2-check';
import { postgresCheck } from './postgres-check';
import { redisCheck } from './redis-check';
import { resolveTarget, SshTunnels, type EndpointLookup, type TcpForwarder } from './service-endpoint';
import { tcpCheck } from './tcp-check';
import { tlsCheck } from './tls-check';
import { websocketCheck } from './websocket-check';

/** Everything a check may need from the rest of the core. */
export interface CheckDeps extends EndpointLookup {
  ssh: Pm2Exec & TcpForwarder;
  metrics(): MetricsReader | null;
  now(): number;
}

/**
 * A check's result; `inconclusive` when the check could not be made for a reason that says
 * nothing about the service (the vault is locked): the monitor shows it but does not count it.
 */
export type CheckOutcome = CheckResult & { inconclusive?: boolean };

/** A function that runs one check config; the scheduler's seam (timeline tests pass a fake). */
export type CheckRunner = (config: CheckConfig, ctx: CheckContext) => Promise<CheckOutcome>;

/**
 * Runs one check of any type. Never throws: a thrown error (locked vault, unknown host, SSH
 * failure) becomes a failed result whose message is the error's message and hint.
 */
export function createCheckRunner(deps: CheckDeps, tunnels: SshTunnels = new SshTunnels(deps.ssh)): CheckRunner {
  return async (config, ctx) => {
    try {
      switch (config.type) {
        case 'http':
          return await httpCheck(config, ctx);
        case 'tcp':
          return await tcpCheck(config, ctx);
        case 'tls':
          return await tlsCheck(config, ctx);
        case 'websocket':
          return await websocketCheck(config, ctx);
        case 'pm2':
          return await pm2Check(config, ctx, deps.ssh);
        case 'postgres':
          return await postgresCheck(await resolveTarget(config.serviceId, 'postgres', deps, tunnels, ctx.extraCa), ctx, deps.ssh);
        case 'redis':
          return await redisCheck(await resolveTarget(config.serviceId, 'redis', deps, tunnels, ctx.extraCa), ctx, deps.ssh);
        case 'metric':
          return metricCheck(config, deps.metrics(), deps.now());
      }
    } catch (err) {
      if (err instanceof AppError && (err.code === 'VAULT_LOCKED' || err.code === 'VAULT_UNINITIALIZED')) {
        return { ...fail('Not checked: the vault is locked, so the credential cannot be read. Unlock Opsdeck to resume this check.'), inconclusive: true };
      }
      if (err instanceof AppError) return fail(`${err.message}${err.hint ? ` ${err.hint}` : ''}`);
      return fail(`The check failed: ${(err as Error)?.message ?? String(err)}`);
    }
  };
}
