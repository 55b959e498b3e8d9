// `npm run bench -- ssh-exec [--count N] [--command true|echo]`
//
// A burst of N short remote commands (default 100 × `true`) through Opsdeck's SSH connection
// manager (one connection, its channel queue) against N runs of the OpenSSH client
// (`ssh -i key -p PORT user@host true`, one process each), against the same test-fleet droplet
// in the same run. Prints both times and commands per second and ends with
// `RESULT ssh-exec metric=<ours cmds/s> anchor=<openssh cmds/s> ratio=<ours/anchor>`.
// Never asserts timings.
//
// The core is TypeScript: bench/lib/ssh-exec-entry.ts is bundled first with Vite's SSR build
// (a devDependency already; node_modules stay external) into out/bench/, then imported.
import { flag, importBundled } from './lib/bundle.mjs';

export async function run(args) {
  const count = Number(flag(args, 'count', process.env.BENCH_SSH_COUNT ?? '100'));
  const command = flag(args, 'command', 'true') === 'echo' ? 'echo' : 'true';
  if (!Number.isInteger(count) || count < 1) throw new Error('--count must be a positive integer');
  const { runSshExecBench } = await importBundled('ssh-exec-entry');
  const r = await runSshExecBench({ count, command, log: (l) => console.log(l) });
  const fmt = (n) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));
  console.log('');
  console.log(`opsdeck (SshManager, 1 connection, channel queue): ${r.oursMs.toFixed(0)} ms, ${fmt(r.oursPerSec)} commands/s`);
  console.log(`openssh (ssh host cmd, 1 process per command):     ${r.opensshMs.toFixed(0)} ms, ${fmt(r.opensshPerSec)} commands/s`);
  console.log(`RESULT ssh-exec metric=${r.oursPerSec.toFixed(2)} anchor=${r.opensshPerSec.toFixed(2)} ratio=${(r.oursPerSec / r.opensshPerSec).toFixed(2)}`);
}
