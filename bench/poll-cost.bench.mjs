// `npm run bench -- poll-cost [--polls N] [--http-seconds S]`
//
// What metrics polling costs, against an IA Comercial test-fleet droplet (PM2 app, nginx), all
// measured in the same run:
// - console CPU per host poll (host /proc + df + PM2 processes in ONE remote command):
//   process.cpuUsage around each of N polls run one after the other (median);
// - remote CPU per poll, measured on the host (a loop of 100 runs; the loop shell's own
//   utime+stime+cutime+cstime), with and without the PM2 /proc reads;
// - `pm2 jlist` (what a naive PM2 poll runs every time): remote CPU of the pm2 client (Node)
//   plus the PM2 daemon's CPU during the runs;
// - extrapolation to 100 hosts every 5 s (% of one console core);
// - a 1 s HTTP check loop against the droplet's nginx (~20 s), for scale next to Uptime Kuma's
//   20 s minimum interval.
// Ends with `RESULT poll-cost metric=<console ms CPU per host poll> anchor=<pm2 jlist remote CPU
// ms (client + daemon)> ratio=<anchor/metric>`: how many of our whole host polls (console side)
// cost what ONE `pm2 jlist` costs the server. Never asserts timings.
//
// The core is TypeScript: bench/lib/poll-cost-entry.ts is bundled with Vite's SSR build first.
import { flag, importBundled } from './lib/bundle.mjs';

export async function run(args) {
  const polls = Number(flag(args, 'polls', '40'));
  const httpSeconds = Number(flag(args, 'http-seconds', '20'));
  if (!Number.isInteger(polls) || polls < 3) throw new Error('--polls must be an integer ≥ 3');
  if (!(httpSeconds > 0)) throw new Error('--http-seconds must be positive');
  const { runPollCostBench } = await importBundled('poll-cost-entry');
  const r = await runPollCostBench({ polls, httpSeconds, log: (l) => console.log(l) });
  const anchor = r.jlistClientMs + r.jlistDaemonMs;
  console.log('');
  console.log(`metric: console CPU per host poll (median of ${polls}):            ${r.consoleMsMedian.toFixed(2)} ms`);
  console.log(`        remote CPU per host poll (measured on the host):          ${r.remotePollMs.toFixed(2)} ms`);
  console.log(`anchor: remote CPU of one \`pm2 jlist\` (client ${r.jlistClientMs.toFixed(1)} + daemon ${r.jlistDaemonMs.toFixed(1)}): ${anchor.toFixed(1)} ms`);
  console.log(`        100 hosts every 5 s: ${r.consolePctAt100Hosts5s.toFixed(1)} % of one console core; 1 s HTTP check: ${r.httpPctOfCore.toFixed(3)} % of one core`);
  console.log(`ratio = anchor / metric: one pm2 jlist costs the server what ${(anchor / r.consoleMsMedian).toFixed(1)} whole host polls cost the console`);
  console.log(`RESULT poll-cost metric=${r.consoleMsMedian.toFixed(2)} anchor=${anchor.toFixed(1)} ratio=${(anchor / r.consoleMsMedian).toFixed(2)}`);
}
