import type { DraftEnvVar, DraftLink, LinkKind } from '../../../contract';
import { draftEnvVar, envLinks, isSecretName, type LinkTarget } from '../shared/env-refs';
import { provenance, type IssueList } from '../shared/issues';
import { describeKind, getBoolean, getString, getValue, scalarText, type LValue } from '../shared/located';
import { RENDER_KEYS } from './render-keys';

/** What an envVars entry may point at: the resources of the same Blueprint. */
export interface RenderIndex {
  /** Service or database by name, looked up in the entry's environment first. */
  find(name: string, environment: string | null, wantDatabase: boolean): { key: string; type: string } | undefined;
  group(name: string, environment: string | null): LValue | undefined;
  hostTargets: ReadonlyMap<string, LinkTarget>;
}

export interface EnvRead {
  envVars: DraftEnvVar[];
  links: DraftLink[];
  notes: string[];
  port?: number;
}

const SECRET_PROPERTIES = new Set(['connectionString', 'password', 'internalConnectionString', 'externalConnectionString']);

/**
 * envVars of one service (or one group, with serviceKey null). Values that look secret are never
 * kept; `generateValue` and `sync: false` are secrets by definition (the second one also missing).
 */
export function readRenderEnvVars(
  owner: { key: string | null; name: string; role: LinkTarget['role']; environment: string | null },
  list: LValue,
  index: RenderIndex,
  issues: IssueList,
  viaGroup?: string,
): EnvRead {
  const out: EnvRead = { envVars: [], links: [], notes: [] };
  if (list.kind === 'scalar' && list.value === null) return out; // `envVars:` left empty
  if (list.kind !== 'seq') {
    issues.warn(list.loc, `${owner.name}: envVars is ${describeKind(list)}; expected a list`);
    return out;
  }
  const link = (toKey: string, kind: LinkKind, reason: string, at: LValue) => {
    if (!owner.key || toKey === owner.key) return;
    const existing = out.links.find((l) => l.toKey === toKey && l.kind === kind);
    if (existing) existing.reason = `${existing.reason}; ${reason}`;
    else out.links.push({ fromKey: owner.key, toKey, kind, reason, source: provenance(at.loc) });
  };
  for (const item of list.items) {
    if (item.kind !== 'map') {
      issues.warn(item.loc, `${owner.name}: envVars entry is ${describeKind(item)}; expected a mapping`);
      continue;
    }
    for (const e of item.entries) {
      if (RENDER_KEYS.envVar.has(e.key)) continue;
      const what = e.key === 'sensitive' ? 'taken as marking a secret' : 'ignored';
      issues.warn(e.keyLoc, `${owner.name}: unknown envVars key '${e.key}' (not in the Render Blueprint specification); ${what}`);
    }
    const fromGroup = getString(item, 'fromGroup');
    if (fromGroup !== undefined) {
      if (viaGroup !== undefined) {
        issues.warn(item.loc, `${owner.name}: fromGroup inside an environment group is not allowed; ignored`);
        continue;
      }
      const group = index.group(fromGroup, owner.environment);
      if (!group) {
        issues.warn(item.loc, `${owner.name}: fromGroup '${fromGroup}' is not defined in this Blueprint (a group made in the dashboard?)`);
        out.notes.push(`env group: ${fromGroup} (not in this file)`);
        continue;
      }
      out.notes.push(`env group: ${fromGroup}`);
      const sub = readRenderEnvVars(owner, group, index, issues, fromGroup);
      out.envVars.push(...sub.envVars);
      out.links.push(...sub.links.filter((l) => !out.links.some((o) => o.toKey === l.toKey && o.kind === l.kind)));
      if (out.port === undefined) out.port = sub.port;
      continue;
    }
    const name = getString(item, 'key');
    if (!name) {
      issues.warn(item.loc, `${owner.name}: envVars entry without a key; ignored`);
      continue;
    }
    const src = provenance(item.loc);
    const sensitive = getBoolean(item, 'sensitive') === true;
    const fromDb = getValue(item, 'fromDatabase');
    const fromSvc = getValue(item, 'fromService');
    if (fromDb) {
      const dbName = fromDb.kind === 'map' ? getString(fromDb, 'name') : undefined;
      const property = fromDb.kind === 'map' ? getString(fromDb, 'property') : undefined;
      out.envVars.push(draftEnvVar(owner.key, name, null, src, { secret: sensitive || SECRET_PROPERTIES.has(property ?? '') || isSecretName(name), missing: false }));
      const target = dbName ? index.find(dbName, owner.environment, true) : undefined;
      if (!target) issues.warn(fromDb.loc, `${owner.name}: ${name} fromDatabase '${dbName ?? '?'}', which this Blueprint does not define`);
      else link(target.key, 'uses-database', `${name} fromDatabase ${dbName}.${property ?? '?'}`, item);
      continue;
    }
    if (fromSvc) {
      const svcName = fromSvc.kind === 'map' ? getString(fromSvc, 'name') : undefined;
      const svcType = fromSvc.kind === 'map' ? getString(fromSvc, 'type') : undefined;
      const property = fromSvc.kind === 'map' ? getString(fromSvc, 'property') : undefined;
      const envVarKey = fromSvc.kind === 'map' ? getString(fromSvc, 'envVarKey') : undefined;
      const secret = sensitive || isSecretName(name) || SECRET_PROPERTIES.has(property ?? '') || (envVarKey !== undefined && isSecretName(envVarKey));
      out.envVars.push(draftEnvVar(owner.key, name, null, src, { secret, missing: false }));
      const target = svcName ? index.find(svcName, owner.environment, false) : undefined;
      if (!target) {
        issues.warn(fromSvc.loc, `${owner.name}: ${name} fromService '${svcName ?? '?'}', which this Blueprint does not define`);
      } else {
        const t = svcType ?? target.type;
        const kind: LinkKind = t === 'redis' || t === 'keyvalue' ? 'uses-cache' : 'depends-on';
        link(target.key, kind, `${name} fromService ${svcName}.${property ?? envVarKey ?? '?'}`, item);
      }
      continue;
    }
    if (getBoolean(item, 'generateValue') === true) {
      out.envVars.push(draftEnvVar(owner.key, name, null, src, { secret: true, missing: false }));
      continue;
    }
    if (getBoolean(item, 'sync') === false) {
      out.envVars.push(draftEnvVar(owner.key, name, null, src, { secret: true, missing: true }));
      continue;
    }
    const valueNode = getValue(item, 'value');
    const value = scalarText(valueNode);
    if (valueNode && valueNode.kind !== 'scalar') issues.warn(valueNode.loc, `${owner.name}: ${name} value is ${describeKind(valueNode)}; expected text`);
    out.envVars.push(draftEnvVar(owner.key, name, value ?? null, src, { secret: sensitive || undefined, missing: value === undefined }));
    if (getValue(item, 'previewValue')) out.notes.push(`${name} has its own value in preview environments`);
    if (value !== undefined && owner.key) {
      for (const l of envLinks(owner.key, owner.role, name, value, index.hostTargets)) link(l.toKey, l.kind, l.reason, item);
      if (name === 'PORT' && /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 65535) out.port = Number(value);
    }
  }
  return out;
}
