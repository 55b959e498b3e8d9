import type { ServiceConfig, ServiceKind } from '../../../src-main/contract';

export type ConfigField = keyof ServiceConfig;

/** Every config field the form knows, in display order. */
export const CONFIG_FIELDS: ConfigField[] = [
  'pm2Name', 'containerName', 'composeProject', 'composeFile', 'serverNames', 'platform', 'platformServiceId',
  'port', 'url', 'healthPath', 'databaseName', 'filePath', 'workingDir', 'schedule', 'command', 'replicas',
];

/** Which settings make sense for which kind (secrets such as database URLs go to Credentials). */
export const FIELDS_BY_KIND: Record<ServiceKind, ConfigField[]> = {
  'pm2-app': ['pm2Name', 'port', 'healthPath', 'url', 'workingDir', 'command'],
  container: ['containerName', 'port', 'healthPath', 'url'],
  'compose-project': ['composeProject', 'composeFile', 'workingDir'],
  'nginx-site': ['serverNames', 'port', 'filePath', 'url'],
  postgres: ['port', 'databaseName'],
  redis: ['port'],
  'sqlite-file': ['filePath'],
  'paas-service': ['platform', 'platformServiceId', 'url', 'healthPath'],
  'cron-job': ['schedule', 'command'],
  'http-endpoint': ['url', 'healthPath'],
  worker: ['command', 'pm2Name', 'containerName', 'replicas'],
};

export const NUMBER_FIELDS: ConfigField[] = ['port', 'replicas'];
export const MONO_FIELDS: ConfigField[] = [
  'url', 'healthPath', 'pm2Name', 'containerName', 'composeProject', 'composeFile', 'serverNames',
  'databaseName', 'filePath', 'workingDir', 'schedule', 'command', 'platformServiceId',
];

/** kebab-case test ids: serverNames → service-server-names */
export function fieldTestId(f: ConfigField): string {
  return `service-${f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Config values as form text. */
export function configToText(config: ServiceConfig): Partial<Record<ConfigField, string>> {
  const out: Partial<Record<ConfigField, string>> = {};
  for (const f of CONFIG_FIELDS) {
    const v = config[f];
    if (v === undefined || v === null) continue;
    out[f] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}
