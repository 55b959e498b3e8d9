import type { Service } from '../../contract';
import type { InventoryContext } from './inventory-context';
import type { CredentialRecord, HostRecord, SelfCheckContext, SelfCheckResult } from './inventory-types';

/** How many items to check between yields, so a cancel request gets through the event loop. */
const YIELD_EVERY = 50;

/**
 * Walks the inventory for things that will fail later, when someone connects or draws the
 * topology: hosts that cannot authenticate, services on a host of another environment, links
 * across environments, credentials nobody uses. Reads only; every problem is one 'warn' line
 * saying what is wrong and where to fix it.
 */
export async function runSelfCheck(ctx: InventoryContext, job: SelfCheckContext): Promise<SelfCheckResult> {
  const { repos, vault } = ctx;
  job.progress(0, 'Reading the inventory');
  const hosts = repos.hosts.list();
  const services = repos.services.list();
  const links = repos.links.list();
  const credentials = repos.credentials.list();
  const hostById = new Map(hosts.map((h) => [h.id, h]));
  const serviceById = new Map(services.map((s) => [s.id, s]));
  const credentialById = new Map(credentials.map((c) => [c.id, c]));
  const usedCredentials = new Set<string>();
  for (const x of [...hosts, ...services]) if (x.credentialId) usedCredentials.add(x.credentialId);

  const total = hosts.length + services.length + links.length + credentials.length;
  let checked = 0;
  let problems = 0;
  const problem = (text: string) => {
    problems++;
    job.log('warn', text);
  };
  const step = async (name: string) => {
    job.throwIfCancelled();
    checked++;
    job.progress(Math.min(99, Math.round((checked / Math.max(total, 1)) * 100)), name);
    if (checked % YIELD_EVERY === 0) await new Promise((r) => setImmediate(r));
  };

  const credentialHasValue = (c: CredentialRecord | undefined) =>
    !!c && vault.state({ ownerType: 'credential', ownerId: c.id, field: 'value' }).isSet;
  const hostHas = (h: HostRecord, field: string) => vault.state({ ownerType: 'host', ownerId: h.id, field }).isSet;

  for (const h of hosts) {
    await step('Checking hosts');
    const where = `Host "${h.name}" (${ctx.where(h.environmentId)})`;
    const cred = h.credentialId ? credentialById.get(h.credentialId) : undefined;
    if (h.authMethod === 'key' && !hostHas(h, 'privateKey') && !credentialHasValue(cred)) {
      problem(`${where} uses key authentication but has no private key and no credential with a key. Add one in Hosts → ${h.name}.`);
    }
    if (h.authMethod === 'password' && !hostHas(h, 'password') && !credentialHasValue(cred)) {
      problem(`${where} uses password authentication but has no password and no credential with one. Set it in Hosts → ${h.name}.`);
    }
  }

  for (const s of services) {
    await step('Checking services');
    const host = s.hostId ? hostById.get(s.hostId) : undefined;
    if (host && host.environmentId !== s.environmentId) {
      problem(
        `Service "${s.name}" (${ctx.where(s.environmentId)}) runs on host "${host.name}" of ${ctx.where(host.environmentId)}. ` +
          `Pick a host of its own environment in Services → ${s.name}.`,
      );
    }
  }

  const describe = (s: Service | undefined, id: string) => (s ? `"${s.name}" (${ctx.where(s.environmentId)})` : id);
  for (const l of links) {
    await step('Checking links');
    const from = serviceById.get(l.fromServiceId);
    const to = serviceById.get(l.toServiceId);
    if (from && to && from.environmentId !== to.environmentId) {
      problem(
        `Link ${describe(from, l.fromServiceId)} ${l.kind} ${describe(to, l.toServiceId)} crosses environments. ` +
          'Link services of the same environment, or delete the link.',
      );
    }
  }

  for (const c of credentials) {
    await step('Checking credentials');
    if (!usedCredentials.has(c.id)) {
      problem(`Credential "${c.name}" is not used by any host or service. Assign it, or delete it if it is no longer needed.`);
    }
  }

  job.progress(100, 'Done');
  job.log(
    problems ? 'warn' : 'info',
    `Checked ${checked} item(s): ${problems ? `${problems} problem(s) found` : 'no problems found'}.`,
  );
  return { problems, checked };
}
