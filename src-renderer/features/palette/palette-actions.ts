import type { InventoryTree } from '../../../src-main/contract';
import type { TFunction } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import { useInventoryStore } from '../../stores/inventory-store';
import { useJobsStore } from '../../stores/jobs-store';
import { useModalStore } from '../../stores/modal-store';
import { PAGES, useUiStore } from '../../stores/ui-store';
import { useVaultStore } from '../../stores/vault-store';
import { findEnv, findHost, findProject, findService, projectIdOf } from '../inventory/inventory-selectors';
import { hostSshActions } from '../hosts/host-palette-actions';
import { logsPaletteActions } from '../logs/logs-palette-actions';
import { healthPaletteActions } from '../health/health-palette-actions';
import { useImportDialog } from '../imports/import-store';
import { useSshConfigImport } from '../hosts/ssh-config-import-store';

export interface PaletteAction {
  id: string;
  group: string;
  label: string;
  detail?: string;
  run(): void;
}

/** Everything the palette offers right now, from the stores' current state. */
export function buildActions(t: TFunction, tree: InventoryTree): PaletteAction[] {
  const ui = useUiStore.getState();
  const modal = useModalStore.getState();
  const app = useAppStore.getState();
  const demo = useInventoryStore.getState().demo;
  const sel = ui.selection;
  const selEnvId =
    sel?.type === 'environment' ? sel.id : sel?.type === 'host' ? findHost(tree, sel.id)?.environmentId : sel?.type === 'service' ? findService(tree, sel.id)?.environmentId : undefined;
  const env = findEnv(tree, ui.scopeEnvId ?? selEnvId) ?? tree.environments[0];
  const projectId = projectIdOf(tree, sel) ?? env?.projectId ?? tree.projects[0]?.id;
  const where = env ? `${findProject(tree, env.projectId)?.name ?? ''} / ${env.name}` : '';
  const inventory = (s: typeof sel) => () => {
    ui.select(s);
    ui.go('inventory');
  };

  const g = { nav: t('palette.group.navigate'), create: t('palette.group.create'), prefs: t('palette.group.preferences'), inv: t('palette.group.inventory'), app: t('palette.group.app') };
  const actions: PaletteAction[] = PAGES.map((p) => ({ id: `go-${p}`, group: g.nav, label: t('palette.goTo', { page: t(`nav.${p}`) }), run: () => ui.go(p) }));

  actions.push({ id: 'new-project', group: g.create, label: t('palette.newProject'), run: () => modal.open({ kind: 'project' }) });
  if (projectId) {
    actions.push({ id: 'new-environment', group: g.create, label: t('palette.newEnvironment'), detail: findProject(tree, projectId)?.name, run: () => modal.open({ kind: 'environment', projectId }) });
  }
  if (env) {
    actions.push({ id: 'new-host', group: g.create, label: t('palette.newHost'), detail: where, run: () => modal.open({ kind: 'host', environmentId: env.id }) });
    actions.push({ id: 'new-service', group: g.create, label: t('palette.newService'), detail: where, run: () => modal.open({ kind: 'service', environmentId: env.id }) });
  }
  actions.push({ id: 'new-credential', group: g.create, label: t('palette.newCredential'), run: () => modal.open({ kind: 'credential' }) });
  actions.push({ id: 'import-files', group: g.create, label: t('imports.paletteLabel'), run: () => useImportDialog.getState().show(projectId ?? null) });
  actions.push({ id: 'import-ssh-config', group: g.create, label: t('sshImport.paletteLabel'), run: () => useSshConfigImport.getState().show(projectId ?? null, env && env.projectId === projectId ? env.name : null) });

  for (const [lang, label] of [['en', 'English'], ['es', 'Español'], [null, t('settings.system')]] as const) {
    actions.push({ id: `lang-${lang ?? 'system'}`, group: g.prefs, label: t('palette.language', { lang: label }), run: () => void app.updateSettings({ language: lang }) });
  }
  for (const theme of ['light', 'dark', 'system'] as const) {
    actions.push({ id: `theme-${theme}`, group: g.prefs, label: t('palette.theme', { theme: t(`settings.${theme}`) }), run: () => void app.updateSettings({ theme }) });
  }

  for (const p of tree.projects) actions.push({ id: `p-${p.id}`, group: g.inv, label: p.name, detail: t('kind.project'), run: inventory({ type: 'project', id: p.id }) });
  for (const e of tree.environments) {
    const pn = findProject(tree, e.projectId)?.name ?? '';
    actions.push({ id: `e-${e.id}`, group: g.inv, label: `${pn} / ${e.name}`, detail: t('kind.environment'), run: inventory({ type: 'environment', id: e.id }) });
  }
  for (const h of tree.hosts) {
    const e = findEnv(tree, h.environmentId);
    actions.push({ id: `h-${h.id}`, group: g.inv, label: h.name, detail: `${t('kind.host')} · ${h.address} · ${e?.name ?? ''}`, run: inventory({ type: 'host', id: h.id }) });
  }
  actions.push(...hostSshActions(t, tree));
  actions.push(...logsPaletteActions(t, tree));
  actions.push(...healthPaletteActions(t, tree));
  for (const s of tree.services) {
    const e = findEnv(tree, s.environmentId);
    actions.push({ id: `s-${s.id}`, group: g.inv, label: s.name, detail: `${t(`service.kind.${s.kind}`)} · ${e?.name ?? ''}`, run: inventory({ type: 'service', id: s.id }) });
  }

  if (demo?.offered) actions.push({ id: 'load-demo', group: g.app, label: t('palette.loadDemo'), run: () => void useInventoryStore.getState().loadDemo() });
  actions.push({ id: 'selfcheck', group: g.app, label: t('jobs.startSelfcheck'), run: () => { void useJobsStore.getState().startSelfcheck(); ui.go('settings'); } });
  const vault = useVaultStore.getState().status;
  if (vault?.state === 'unlocked' && vault.provider !== 'env-key') {
    actions.push({ id: 'lock', group: g.app, label: t('settings.lockNow'), run: () => void useVaultStore.getState().lock() });
  }
  return actions;
}
