import type { Service } from '../../../src-main/contract';

/** The one most telling setting of a service, for tables: its URL, port, file or schedule. */
export function serviceSummary(s: Service): string {
  const c = s.config;
  if (c.url) return c.url;
  if (c.serverNames?.length) return c.serverNames.join(' ');
  if (c.schedule) return c.command ? `${c.schedule}  ${c.command}` : c.schedule;
  if (c.filePath) return c.filePath;
  if (c.databaseName) return c.port ? `${c.databaseName} :${c.port}` : c.databaseName;
  if (c.pm2Name) return c.port ? `${c.pm2Name} :${c.port}` : c.pm2Name;
  if (c.containerName) return c.port ? `${c.containerName} :${c.port}` : c.containerName;
  if (c.composeProject) return c.composeProject;
  if (c.port) return `:${c.port}`;
  if (c.command) return c.command;
  return '';
}
