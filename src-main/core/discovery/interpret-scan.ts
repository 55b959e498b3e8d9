import type { DraftIssue, FirewallFacts, ListeningPort, ToolCheck } from '../../contract';
import type { Section } from './discovery-script';
import { parseSshUser, parseTools } from './discovery-script';
import { parseCronFiles, parseCrontab, type CronEntry } from './parsers/crontab-parser';
import { parseDf } from './parsers/df-parser';
import { parseDockerPs, publishedPorts } from './parsers/docker-ps-parser';
import { nginxFacts, type NginxFacts } from './parsers/nginx-facts';
import { parseOsRelease } from './parsers/os-release-parser';
import { parsePm2Jlist, type Pm2Process } from './parsers/pm2-jlist-parser';
import { parseNetstat, parseSs } from './parsers/ss-parser';
import { parseUfw } from './parsers/ufw-parser';
import { parseUptime } from './parsers/uptime-parser';
import type { HostFacts } from '../../contract';
import { redactSecrets } from '../secrets/redact';

/** A container as discovery needs it, from the CLI or from the Engine API. */
export interface DiscoveredContainer {
  id: string;
  name: string;
  image: string;
  state: string;
  status: string;
  publishedPorts: number[];
  composeProject: string | null;
  composeService: string | null;
  composeFile: string | null;
  composeWorkingDir: string | null;
  via: 'docker ps' | 'Docker API';
}

/** Everything a scan learned, parsed and already free of secret values. */
export interface ParsedScan {
  user: string | null;
  tools: ToolCheck[];
  pm2: Pm2Process[];
  nginx: NginxFacts | null;
  containers: DiscoveredContainer[];
  ports: ListeningPort[];
  cron: CronEntry[];
  /** SQLite files found in PM2 apps' working directories (a second, optional look). */
  sqliteFiles: { path: string; app: string }[];
  facts: Omit<HostFacts, 'hostId' | 'hostName' | 'scannedAt'>;
  warnings: DraftIssue[];
  /** Set when the CLI could not list containers but an API socket is there to try. */
  dockerSocket: { path: string; access: 'rw' | 'denied' } | null;
  dockerCliMissing: boolean;
}

export const issue = (file: string, message: string, severity: DraftIssue['severity'] = 'warning'): DraftIssue => ({
  severity,
  format: 'discovery',
  file,
  line: 0,
  message,
});

const firstLine = (text: string, re: RegExp): string | null => text.split('\n').find((l) => re.test(l))?.trim() ?? null;

export function containersFromPs(output: string): DiscoveredContainer[] {
  return parseDockerPs(output).map((c) => ({
    id: c.id,
    name: c.name,
    image: c.image,
    state: c.state,
    status: c.status,
    publishedPorts: publishedPorts(c.ports).map((p) => p.hostPort),
    composeProject: c.labels['com.docker.compose.project'] ?? null,
    composeService: c.labels['com.docker.compose.service'] ?? null,
    composeFile: c.labels['com.docker.compose.project.config_files'] ?? null,
    composeWorkingDir: c.labels['com.docker.compose.project.working_dir'] ?? null,
    via: 'docker ps',
  }));
}

/** Turns the script's sections into parsed facts and warnings; a missing tool is a warning, never an error. */
export function interpretScan(sections: Map<string, Section>): ParsedScan {
  const warnings: DraftIssue[] = [];
  const get = (name: string): Section => sections.get(name) ?? { name, output: '', code: null };
  const tools = parseTools(get('tools').output);
  const has = (name: string) => tools.find((t) => t.name === name)?.present ?? false;
  const user = parseSshUser(get('tools').output)?.name ?? null;

  // PM2
  let pm2: Pm2Process[] = [];
  const pm2Section = get('pm2');
  if (pm2Section.code === 127 || !has('pm2')) {
    warnings.push(issue('pm2 jlist', 'pm2 is not installed on this host (looked in PATH, ~/.npm-global, node_modules and nvm folders).'));
  } else if (pm2Section.code === 3) {
    warnings.push(issue('pm2 jlist', `pm2 is installed but no PM2 daemon runs for ${user ?? 'this user'}; discovered nothing from pm2.`));
  } else {
    const parsed = parsePm2Jlist(pm2Section.output);
    if (parsed.ok) pm2 = parsed.processes;
    else warnings.push(issue('pm2 jlist', `${parsed.message}; discovered nothing from pm2.`));
  }

  // nginx
  let nginx: NginxFacts | null = null;
  const nginxSection = get('nginx');
  if (nginxSection.code === 127 || !has('nginx')) {
    warnings.push(issue('nginx -T', 'nginx is not installed on this host.'));
  } else {
    const dump = nginxFacts(nginxSection.output);
    if (nginxSection.code === 0 || dump.files.length > 0) {
      nginx = dump;
      for (const e of dump.errors) {
        warnings.push({ ...issue(e.file, `Could not read this nginx file (${redactSecrets(e.message).slice(0, 300)}); its sites are not in the draft.`), line: e.line, column: e.column });
      }
    } else if (/permission denied|must be root|super-user/i.test(nginxSection.output)) {
      warnings.push(issue('nginx -T', 'nginx -T needs root; discovered nothing from nginx. Allow `sudo -n nginx -T` for this user, or scan as a user who can read the configuration.'));
    } else {
      const why = firstLine(nginxSection.output, /\[emerg\]|failed|error/i);
      warnings.push(issue('nginx -T', `nginx -T failed${why ? `: ${redactSecrets(why).slice(0, 300)}` : ''}; discovered nothing from nginx.`));
    }
  }

  // Docker: the CLI first; the API over the socket when the CLI is missing or cannot connect.
  let containers: DiscoveredContainer[] = [];
  const dockerSection = get('docker');
  const sockets = get('sockets')
    .output.split('\n')
    .map((l) => /^(\S+) (rw|denied)$/.exec(l.trim()))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ path: m[1], access: m[2] as 'rw' | 'denied' }));
  const dockerCliMissing = dockerSection.code === 127;
  let dockerSocket: ParsedScan['dockerSocket'] = null;
  if (dockerSection.code === 0) {
    containers = containersFromPs(dockerSection.output);
  } else if (sockets.length > 0) {
    dockerSocket = sockets.find((s) => s.access === 'rw') ?? sockets[0];
  } else if (dockerCliMissing) {
    warnings.push(issue('docker ps', 'Docker is not installed on this host (no docker CLI and no Docker or podman socket).'));
  } else if (/permission denied/i.test(dockerSection.output)) {
    warnings.push(issue('docker ps', `Docker is not reachable for ${user ?? 'this user'}: permission denied. Add the user to the docker group to list containers.`));
  } else {
    warnings.push(issue('docker ps', 'The docker CLI is installed but no Docker daemon answered; discovered no containers.'));
  }

  // Listening ports
  let ports: ListeningPort[] = [];
  const portsSection = get('ports');
  if (portsSection.code === 127) {
    warnings.push(issue('ss -ltnp', 'Neither ss nor netstat is installed on this host; listening ports are unknown.'));
  } else if (portsSection.output.startsWith('OPSDECK: netstat')) {
    ports = parseNetstat(portsSection.output);
  } else {
    ports = parseSs(portsSection.output);
  }
  if (ports.length > 0 && ports.every((p) => p.pid === null)) {
    warnings.push(issue('ss -ltnp', 'Listening ports were read without their processes (other users\u2019 processes need root).'));
  }

  // Firewall
  const ufwSection = get('ufw');
  const firewall: FirewallFacts = parseUfw(ufwSection.output, ufwSection.code);
  if (firewall.state === 'not-installed') warnings.push(issue('ufw status', 'ufw is not installed on this host; firewall rules were not read.'));
  if (firewall.state === 'needs-root') warnings.push(issue('ufw status', 'ufw status needs root; firewall rules were not read.'));

  // Cron
  const cron: CronEntry[] = [];
  const crontabSection = get('crontab');
  if (crontabSection.code === 127) {
    warnings.push(issue('crontab -l', 'crontab is not installed on this host; only /etc/cron.d was read.'));
  } else if (crontabSection.code === 0) {
    cron.push(...parseCrontab(crontabSection.output, { system: false, origin: 'crontab -l', owner: user }));
  }
  cron.push(...parseCronFiles(get('cron-files').output));

  // Host facts
  const dfSection = get('df');
  const disks = parseDf(dfSection.output);
  if (disks.length === 0) warnings.push(issue('df -P', 'Disk usage could not be read (df -P printed nothing usable).'));
  const os = parseOsRelease(get('os').output);
  if (!os) warnings.push(issue('/etc/os-release', 'The operating system could not be read (/etc/os-release is missing).'));
  const uptimeSeconds = parseUptime(get('uptime').output);
  const kernel = get('kernel').output.trim().split('\n')[0] || null;

  return {
    user,
    tools,
    pm2,
    nginx,
    containers,
    ports,
    cron,
    sqliteFiles: [],
    facts: { tools, os, kernel, uptimeSeconds, disks, ports, firewall },
    warnings,
    dockerSocket,
    dockerCliMissing,
  };
}
