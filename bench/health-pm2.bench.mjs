// `npm run bench -- health-pm2 [--count N]`
//
// N PM2 health checks one after the other (default 30) as Opsdeck runs them (PM2's pid files and
// /proc read by one short shell script over the host's SSH connection) against N runs of
// `pm2 jlist` over the same connection, on the IA Comercial fleet droplet in the same run.
// Prints the mean time per check of each and ends with
// `RESULT health-pm2 metric=<ours ms> anchor=<jlist ms> ratio=<anchor/ours>` (ratio > 1: ours is
// cheaper). Never asserts timings.
//
// bench/lib/health-pm2-entry.ts is bundled first with Vite's SSR build into out/bench/.
import { flag, importBundled } from './lib/bundle.mjs';

export async function run(args) {
  const count = Number(flag(args, 'count', '30'));
  if (!Number.isInteger(count) || count < 1) throw new Error('--count must be a positive integer');
  const { runHealthPm2Bench } = await importBundled('health-pm2-entry');
  const r = await runHealthPm2Bench({ count, log: (l) => console.log(l) });
  console.log('');
  console.log(`opsdeck PM2 check (pid file + /proc): ${r.oursMs.toFixed(1)} ms per check`);
  console.log(`pm2 jlist over the same connection:  ${r.jlistMs.toFixed(1)} ms per run`);
  console.log(`RESULT health-pm2 metric=${r.oursMs.toFixed(2)} anchor=${r.jlistMs.toFixed(2)} ratio=${(r.jlistMs / r.oursMs).toFixed(2)}`);
}
