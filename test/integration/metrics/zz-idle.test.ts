import { it } from 'vitest';
import { startIaComercial } from '../../fleet';
import { addHost, trust } from '../ssh/ssh-helpers';
import { metricsCore } from './metrics-helpers';

it('idle', async () => {
  const ia = await startIaComercial();
  const { core, envId, done } = await metricsCore();
  const measure = async (label: string) => {
    const c0 = process.cpuUsage();
    await new Promise((r) => setTimeout(r, 8000));
    const d = process.cpuUsage(c0);
    console.log(label, ((d.user + d.system) / 1000).toFixed(1), 'ms in 8 s');
  };
  await measure('bare core');
  const hostId = addHost(core, envId, ia, 'key', { name: 'ia' }).id;
  await trust(core, hostId, ia);
  core.metrics.setMonitor({ hostId, enabled: true, intervalSec: 3600 });
  await core.metrics.pollNow(hostId);
  await measure('after one poll, connected');
  core.metrics.stop();
  await measure('metrics stopped');
  done();
  await measure('core closed');
  await ia.stop();
}, 120_000);
