import { useEffect, useMemo, useState } from 'react';
import type { Environment, ImportTarget } from '../../../src-main/contract';
import { useT } from '../../i18n';
import { useInventoryStore } from '../../stores/inventory-store';

/** '' in the project select means "a new project". */
const NEW = '';

export interface ImportTargetState {
  projectId: string;
  setProjectId(id: string): void;
  newName: string;
  setNewName(name: string | ((typed: string) => string)): void;
  envName: string;
  setEnvName(name: string): void;
  /** The environments of the chosen project (suggestions for the environment field). */
  envs: Environment[];
  /** What the core's plan/apply calls take; null until a new project has a name. */
  target: ImportTarget | null;
}

/**
 * Where a draft goes (imports, SSH config): an existing project or a new one, and an environment
 * by name (created when missing). Shared by every dialog that plans and applies a draft.
 */
export function useImportTarget(initialProjectId?: string | null, initialEnv?: string | null): ImportTargetState {
  const tree = useInventoryStore((s) => s.tree);
  const [projectId, setProjectId] = useState<string>(initialProjectId ?? NEW);
  const [newName, setNewName] = useState('');
  const [envName, setEnvName] = useState(initialEnv ?? 'production');

  const envs = useMemo(() => tree.environments.filter((e) => e.projectId === projectId), [tree, projectId]);
  // An existing project: keep the environment name one of its own.
  useEffect(() => {
    if (projectId && envs.length && !envs.some((e) => e.name.toLowerCase() === envName.toLowerCase())) setEnvName(envs[0]!.name);
  }, [projectId, envs, envName]);

  const target: ImportTarget | null = useMemo(() => {
    const environmentName = envName.trim() || 'production';
    if (projectId) return { projectId, environmentName };
    const name = newName.trim();
    return name ? { newProjectName: name, environmentName } : null;
  }, [projectId, newName, envName]);

  return { projectId, setProjectId, newName, setNewName, envName, setEnvName, envs, target };
}

/** The project / new project name / environment fields; test ids are `<prefix>-target-project`… */
export function ImportTargetFields({ state, testIdPrefix, onNameEdit }: { state: ImportTargetState; testIdPrefix: string; onNameEdit?: () => void }) {
  const t = useT();
  const projects = useInventoryStore((s) => s.tree.projects);
  const { projectId, setProjectId, newName, setNewName, envName, setEnvName, envs } = state;
  return (
    <div className="import-target">
      <label className="field">
        <span className="field-label">{t('imports.targetProject')}</span>
        <select value={projectId} data-testid={`${testIdPrefix}-target-project`} onChange={(e) => setProjectId(e.target.value)}>
          <option value={NEW}>{t('imports.newProject')}</option>
          {projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      {!projectId && (
        <label className="field">
          <span className="field-label">{t('imports.newProjectName')}</span>
          <input
            value={newName}
            data-testid={`${testIdPrefix}-new-project`}
            maxLength={120}
            onFocus={onNameEdit}
            onChange={(e) => {
              onNameEdit?.();
              setNewName(e.target.value);
            }}
          />
        </label>
      )}
      <label className="field">
        <span className="field-label">{t('imports.environment')}</span>
        <input value={envName} list={`${testIdPrefix}-envs`} data-testid={`${testIdPrefix}-target-env`} maxLength={120} onChange={(e) => setEnvName(e.target.value)} />
        <datalist id={`${testIdPrefix}-envs`}>
          {envs.map((e) => (
            <option key={e.id} value={e.name} />
          ))}
        </datalist>
      </label>
    </div>
  );
}
