import type { EnvironmentKind, InventoryDraft, MergePlan, Service } from '../../contract';
import { AppError } from '../../contract/errors';
import type { ImportTarget, MergeCounts, MergeSummary } from '../../contract/imports';
import { HostCreate, ServiceConfig, ServiceCreate } from '../../contract/inventory';
import { createInventoryContext } from '../inventory/inventory-context';
import { newInventoryId, nowIso } from '../inventory/inventory-ids';
import type { InventoryDeps } from '../inventory/inventory-types';
import { createEnvVarRepository } from './env-var-repository';
import { computeMerge, listShort, type MergeSnapshot } from './plan-merge';

const zero = (): MergeCounts => ({ environments: 0, hosts: 0, services: 0, links: 0, envVars: 0 });

/** production/staging/… by name; anything else is "other". */
export function environmentKindFor(name: string): EnvironmentKind {
  const n = name.toLowerCase();
  if (/^(prod|production|live|main)$/.test(n)) return 'production';
  if (/^(staging|stage|stg|qa|uat)$/.test(n)) return 'staging';
  if (/^(dev|development|local)$/.test(n)) return 'development';
  if (/^(preview|review|pr-?\d*|deploy-preview|branch-deploy)$/.test(n)) return 'preview';
  return 'other';
}

function invalidItem(what: string, where: string, err: unknown): AppError {
  const issue = (err as { issues?: { path: PropertyKey[]; message: string }[] }).issues?.[0];
  const field = issue ? `${issue.path.map(String).join('.')}: ${issue.message}` : (err as Error).message;
  return new AppError('VALIDATION', `${what} from ${where} cannot be imported — ${field}.`, 'Fix it in the file, or leave the item unselected, and import again.', { item: what, source: where });
}

const where = (s: { file: string; line: number } | null) => (s ? `${s.file}:${s.line}` : 'the draft');

/**
 * The merge step over the real inventory: plans against the stored rows and applies the picked
 * items in ONE transaction through the inventory's repositories and its rules (names unique per
 * environment, a service's host in its environment, links within one project, never twice),
 * recorded as one 'inventory.import' audit entry, then one 'inventory.changed' event.
 */
export function createInventoryMerge(deps: InventoryDeps) {
  const ctx = createInventoryContext(deps);
  const envVars = createEnvVarRepository(deps.db);
  const { repos } = ctx;

  function snapshot(): MergeSnapshot {
    const all = envVars.all();
    return {
      projects: repos.projects.list(),
      environments: repos.environments.list(),
      hosts: repos.hosts.list(),
      services: repos.services.list(),
      links: repos.links.list(),
      envVars: (id) => all.filter((v) => v.serviceId === id),
    };
  }

  function planMerge(draft: InventoryDraft, target: ImportTarget): MergePlan {
    return computeMerge(draft, target, snapshot()).plan;
  }

  /**
   * Applies the items of `selectedKeys`. The plan is computed again inside the transaction (the
   * inventory may have changed since the preview); `plan` is only checked to name the same target.
   */
  function applyMerge(draft: InventoryDraft, plan: MergePlan, selectedKeys: readonly string[], target: ImportTarget): MergeSummary {
    return ctx.mutate(() => {
      const { plan: fresh, resolution: r } = computeMerge(draft, target, snapshot());
      if (plan.projectId !== fresh.projectId || (plan.environmentId && plan.environmentId !== fresh.environmentId)) {
        throw new AppError('CONFLICT', 'The inventory changed since the preview.', 'Preview the import again, then apply.');
      }
      const picked = new Set(selectedKeys);
      const work = fresh.items.filter((i) => picked.has(i.key) && i.action !== 'unchanged' && i.entity !== 'environment');
      if (!work.length) {
        throw new AppError('VALIDATION', 'Nothing to import: no item that adds or changes something is selected.', 'Tick at least one item marked add or update.');
      }
      const now = nowIso();
      const stamp = { createdAt: now, updatedAt: now };
      const added = zero();
      const updated = zero();
      const skipped: MergeSummary['skipped'] = [];
      const changedNames: string[] = [];

      let projectId = r.projectId;
      const projectCreated = !projectId;
      if (!projectId) {
        projectId = newInventoryId('prj');
        repos.projects.insert({ id: projectId, name: r.projectName, description: `Imported from ${listShort(draft.files, 3)}`, ...stamp });
      }
      let environmentId = r.environmentId;
      if (!environmentId) {
        environmentId = newInventoryId('env');
        repos.environments.insert({ id: environmentId, projectId, name: r.environmentName, kind: environmentKindFor(r.environmentName), ...stamp });
        added.environments++;
      }

      // Hosts first: services refer to them.
      const hostIds = new Map<string, string>();
      for (const [key, h] of r.hosts) {
        if (h.existing) hostIds.set(key, h.existing.id);
        if (!picked.has(h.item.key) || h.item.action === 'unchanged') continue;
        const d = h.draft;
        if (h.existing) {
          const current = ctx.require.host(h.existing.id);
          const next = { ...current, updatedAt: now, address: d.address, port: d.port ?? current.port, username: d.username ?? current.username };
          const parsed = HostCreate.safeParse({ environmentId, name: next.name, address: next.address, port: next.port, username: next.username });
          if (!parsed.success) throw invalidItem(`Host "${d.name}"`, where(d.source), parsed.error);
          repos.hosts.update(next);
          updated.hosts++;
          changedNames.push(`${d.name} (${h.item.changes.join(', ')})`);
        } else {
          const parsed = HostCreate.safeParse({ environmentId, name: d.name, address: d.address, port: d.port, username: d.username, authMethod: 'agent', notes: `Imported from ${where(d.source)}` });
          if (!parsed.success) throw invalidItem(`Host "${d.name}"`, where(d.source), parsed.error);
          const { secrets: _none, ...fields } = parsed.data;
          const id = newInventoryId('hst');
          repos.hosts.insert({ id, ...fields, ...stamp });
          hostIds.set(key, id);
          added.hosts++;
        }
      }

      // Services, then their env vars.
      const serviceIds = new Map<string, string>();
      for (const [key, s] of r.services) {
        if (s.existing) serviceIds.set(key, s.existing.id);
        if (!picked.has(s.item.key) || s.item.action === 'unchanged') continue;
        const d = s.draft;
        const hostId = d.hostKey ? (hostIds.get(d.hostKey) ?? null) : null;
        if (d.hostKey && !hostId) skipped.push({ key: s.item.key, reason: `host "${d.hostKey}" was not imported; the service has no host` });
        let serviceId: string;
        if (s.existing) {
          const current = ctx.require.service(s.existing.id);
          const config = ServiceConfig.safeParse({ ...current.config, ...d.config });
          if (!config.success) throw invalidItem(`Service "${d.name}"`, where(d.source), config.error);
          const next: Service = {
            ...current,
            kind: d.kind,
            config: config.data,
            hostId: d.hostKey && hostId ? hostId : current.hostId,
            notes: current.notes || d.notes,
            updatedAt: now,
          };
          if (next.hostId && ctx.require.host(next.hostId).environmentId !== current.environmentId) {
            throw invalidItem(`Service "${d.name}"`, where(d.source), new Error('its host is in another environment'));
          }
          repos.services.update(next);
          serviceId = current.id;
          updated.services++;
          changedNames.push(`${current.name} (${s.item.changes.join(', ')})`);
        } else {
          const parsed = ServiceCreate.safeParse({ environmentId, hostId, name: d.name, kind: d.kind, config: d.config, notes: d.notes });
          if (!parsed.success) throw invalidItem(`Service "${d.name}"`, where(d.source), parsed.error);
          serviceId = newInventoryId('svc');
          repos.services.insert({ id: serviceId, ...parsed.data, ...stamp });
          serviceIds.set(key, serviceId);
          added.services++;
        }
        const stored = envVars.forService(serviceId);
        for (const v of s.envVars) {
          const before = stored.find((x) => x.name === v.name);
          envVars.upsert(
            { serviceId, name: v.name, secret: v.secret, missing: v.missing, value: v.secret ? null : v.value, source: `${v.source.file}:${v.source.line}` },
            now,
          );
          if (before) updated.envVars++;
          else added.envVars++;
        }
      }

      // Links only when both ends exist now (stored, or added just above).
      for (const l of r.links) {
        if (!picked.has(l.item.key) || l.item.action === 'unchanged') continue;
        const from = serviceIds.get(l.from);
        const to = serviceIds.get(l.to);
        if (!from || !to) {
          skipped.push({ key: l.item.key, reason: `${!from ? l.from : l.to} is neither in the inventory nor selected` });
          continue;
        }
        if (from === to || repos.links.find(from, to, l.draft.kind)) continue;
        repos.links.insert({ id: newInventoryId('lnk'), fromServiceId: from, toServiceId: to, kind: l.draft.kind, createdAt: now });
        added.links++;
      }

      const unchanged = fresh.items.filter((i) => i.action === 'unchanged').length;
      const counts = (c: MergeCounts) =>
        Object.entries(c)
          .filter(([, n]) => n > 0)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ');
      const details = [
        `files: ${listShort(draft.files)}`,
        projectCreated ? 'new project' : '',
        counts(added) ? `added ${counts(added)}` : '',
        counts(updated) ? `updated ${counts(updated)}` : '',
        changedNames.length ? `changed: ${listShort(changedNames)}` : '',
        skipped.length ? `skipped ${skipped.length}` : '',
      ].filter(Boolean);
      return {
        value: { projectId, environmentId, projectCreated, added, updated, unchanged, skipped },
        audit: { action: 'inventory.import', targetKind: 'project', targetId: projectId, targetName: `${r.projectName} / ${r.environmentName}`, details: details.join('; ') },
        changed: { entity: 'inventory', id: null },
      };
    });
  }

  return { planMerge, applyMerge, envVarsOf: (serviceId: string) => envVars.forService(serviceId) };
}
export type InventoryMerge = ReturnType<typeof createInventoryMerge>;
