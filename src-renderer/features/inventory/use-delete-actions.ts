import type { Credential, Environment, Host, Link, Project, Service } from '../../../src-main/contract';
import { call } from '../../api/client';
import { useT, type TFunction } from '../../i18n';
import { useInventoryStore } from '../../stores/inventory-store';
import { useModalStore } from '../../stores/modal-store';
import { notify } from '../../stores/toast-store';
import { useUiStore } from '../../stores/ui-store';
import { cascadeOfEnv, cascadeOfProject, findEnv, findProject, linksOfService, serviceName, servicesOnHost } from './inventory-selectors';

/** "a, b, c and 4 more" */
function names(t: TFunction, items: { name: string }[]): string {
  const shown = items.slice(0, 5).map((i) => i.name).join(', ');
  return items.length > 5 ? t('common.andMore', { list: shown, n: items.length - 5 }) : shown;
}

/** Each delete asks first, naming the item, its environment and everything that goes with it. */
export function useDeleteActions() {
  const t = useT();
  const tree = useInventoryStore((s) => s.tree);
  const refresh = useInventoryStore((s) => s.refresh);
  const ask = useModalStore((s) => s.ask);
  const select = useUiStore((s) => s.select);
  const scopeEnvId = useUiStore((s) => s.scopeEnvId);
  const setScope = useUiStore((s) => s.setScope);

  const done = async (name: string) => {
    notify(t('toast.deleted', { name }));
    await refresh();
  };

  const countLine = (key: 'delete.alsoHosts' | 'delete.alsoServices' | 'delete.alsoLinks' | 'delete.alsoEnvs', items: { name: string }[]) =>
    items.length ? [t(key, { n: items.length, list: names(t, items) })] : [];

  return {
    project(p: Project) {
      const c = cascadeOfProject(tree, p.id);
      ask({
        title: t('delete.projectTitle', { name: p.name }),
        lines: [
          t('delete.projectLead', { name: p.name }),
          ...countLine('delete.alsoEnvs', c.envs),
          ...countLine('delete.alsoHosts', c.hosts),
          ...countLine('delete.alsoServices', c.services),
          ...(c.links.length ? [t('delete.alsoLinksCount', { n: c.links.length })] : []),
          ...(c.hosts.length ? [t('delete.secretsToo')] : []),
        ],
        confirmLabel: t('delete.confirmProject'),
        onConfirm: async () => {
          await call('projects.delete', { id: p.id });
          if (scopeEnvId && c.envs.some((e) => e.id === scopeEnvId)) setScope(null);
          select(null);
          await done(p.name);
        },
      });
    },
    environment(e: Environment) {
      const c = cascadeOfEnv(tree, e.id);
      const project = findProject(tree, e.projectId);
      ask({
        title: t('delete.envTitle', { name: e.name }),
        lines: [
          t('delete.envLead', { name: e.name, project: project?.name ?? '' }),
          ...(e.kind === 'production' ? [t('delete.prodWarning')] : []),
          ...countLine('delete.alsoHosts', c.hosts),
          ...countLine('delete.alsoServices', c.services),
          ...(c.links.length ? [t('delete.alsoLinksCount', { n: c.links.length })] : []),
          ...(c.hosts.length ? [t('delete.secretsToo')] : []),
        ],
        confirmLabel: t('delete.confirmEnv'),
        onConfirm: async () => {
          await call('environments.delete', { id: e.id });
          if (scopeEnvId === e.id) setScope(null);
          select({ type: 'project', id: e.projectId });
          await done(e.name);
        },
      });
    },
    host(h: Host) {
      const env = findEnv(tree, h.environmentId);
      const svcs = servicesOnHost(tree, h.id);
      const secretCount = Object.values(h.secrets).filter((s) => s.isSet).length;
      const jumpers = tree.hosts.filter((x) => x.jumpHostId === h.id);
      ask({
        title: t('delete.hostTitle', { name: h.name }),
        lines: [
          t('delete.hostLead', { name: h.name, address: h.address, env: env?.name ?? '' }),
          ...(env?.kind === 'production' ? [t('delete.prodWarning')] : []),
          ...(secretCount ? [t('delete.hostSecrets', { n: secretCount })] : []),
          ...(svcs.length ? [t('delete.hostServices', { n: svcs.length, list: names(t, svcs) })] : []),
          ...(jumpers.length ? [t('delete.hostJumps', { n: jumpers.length, list: names(t, jumpers) })] : []),
        ],
        confirmLabel: t('delete.confirmHost'),
        onConfirm: async () => {
          await call('hosts.delete', { id: h.id });
          select({ type: 'environment', id: h.environmentId });
          await done(h.name);
        },
      });
    },
    service(s: Service) {
      const env = findEnv(tree, s.environmentId);
      const links = linksOfService(tree, s.id);
      ask({
        title: t('delete.serviceTitle', { name: s.name }),
        lines: [
          t('delete.serviceLead', { name: s.name, env: env?.name ?? '' }),
          ...(env?.kind === 'production' ? [t('delete.prodWarning')] : []),
          ...(links.length ? [t('delete.serviceLinks', { n: links.length })] : []),
        ],
        confirmLabel: t('delete.confirmService'),
        onConfirm: async () => {
          await call('services.delete', { id: s.id });
          select({ type: 'environment', id: s.environmentId });
          await done(s.name);
        },
      });
    },
    link(l: Link) {
      const label = `${serviceName(tree, l.fromServiceId)} → ${serviceName(tree, l.toServiceId)}`;
      ask({
        title: t('delete.linkTitle'),
        lines: [t('delete.linkLead', { from: serviceName(tree, l.fromServiceId), kind: t(`link.kind.${l.kind}`), to: serviceName(tree, l.toServiceId) })],
        confirmLabel: t('delete.confirmLink'),
        onConfirm: async () => {
          await call('links.delete', { id: l.id });
          await done(label);
        },
      });
    },
    credential(c: Credential) {
      const users = [...tree.hosts.filter((h) => h.credentialId === c.id), ...tree.services.filter((s) => s.credentialId === c.id)];
      ask({
        title: t('delete.credentialTitle', { name: c.name }),
        lines: [
          t('delete.credentialLead', { name: c.name }),
          ...(users.length ? [t('delete.credentialUsers', { n: users.length, list: names(t, users) })] : []),
        ],
        confirmLabel: t('delete.confirmCredential'),
        onConfirm: async () => {
          await call('credentials.delete', { id: c.id });
          await done(c.name);
        },
      });
    },
  };
}
