import type { DraftService } from '../../../contract';
import { emptyPart, type DraftPart, type ImportFile } from '../types';

/**
 * Procfile: one `type: command` per line. `web` is the app that takes HTTP traffic (a Heroku
 * paas-service), `release` runs once per deploy (a note), every other type is a worker dyno.
 * The keys (`heroku:<type>`) are those app.json's formation uses, so both files merge.
 */

export const FORMAT = 'heroku';
const LINE = /^([A-Za-z0-9_-]+)\s*:\s*(.*)$/;

/**
 * The port a process command binds when it says so: `--bind 0.0.0.0:8000`, `-b :8000`, `--port 8000`,
 * `-p 8000`, or the default of `${PORT:-5000}` (the platform sets PORT; off it, the process listens
 * there). A bare `$PORT` names no port.
 */
export function listenPort(command: string): number | undefined {
  const patterns = [
    /(?:^|\s)(?:--bind|-b)[=\s]+["']?[^\s:"']*:(?:\$\{PORT:-(\d+)\}|(\d+))/,
    /(?:^|\s)(?:--port|-p)[=\s]+["']?(?:\$\{PORT:-(\d+)\}|(\d+))/,
    /\$\{PORT:-(\d+)\}()/,
  ];
  for (const re of patterns) {
    const m = re.exec(command);
    const n = Number(m?.[1] ?? m?.[2]);
    if (m && Number.isInteger(n) && n > 0 && n < 65536) return n;
  }
  return undefined;
}

export function parseProcfile(file: ImportFile): DraftPart {
  const part = emptyPart(FORMAT);
  const byType = new Map<string, DraftService>();
  const releases: string[] = [];
  const lines = file.content.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    const text = raw.trim();
    if (text === '' || text.startsWith('#')) return;
    const m = LINE.exec(text);
    if (!m) {
      part.warnings.push({ severity: 'warning', format: FORMAT, file: file.path, line, column: 1, message: `Not a Procfile line (expected "type: command"): ${text.slice(0, 80)}` });
      return;
    }
    const [, type, command] = m;
    if (command.trim() === '') {
      part.warnings.push({ severity: 'warning', format: FORMAT, file: file.path, line, column: 1, message: `Process type '${type}' has no command; ignored` });
      return;
    }
    if (type === 'release') {
      releases.push(command.trim());
      return;
    }
    if (byType.has(type)) {
      part.warnings.push({ severity: 'warning', format: FORMAT, file: file.path, line, column: 1, message: `Process type '${type}' is declared again; this later line wins` });
    }
    const isWeb = type === 'web';
    const port = listenPort(command);
    byType.set(type, {
      key: `heroku:${type}`,
      name: type,
      kind: isWeb ? 'paas-service' : 'worker',
      config: { platform: 'heroku', command: command.trim().slice(0, 4000), ...(port ? { port } : {}) },
      hostKey: null,
      environment: null,
      notes: isWeb ? 'Procfile web process: receives HTTP on $PORT' : `Procfile ${type} process`,
      source: { file: file.path, line },
    });
  });
  part.services = [...byType.values()];
  if (releases.length) {
    const note = `release phase (runs before each deploy): ${releases.join(' && ')}`;
    const target = byType.get('web') ?? part.services[0];
    if (target) target.notes = `${target.notes}\n${note}`;
    else part.warnings.push({ severity: 'warning', format: FORMAT, file: file.path, line: 1, message: `Only a release process is declared (${releases.join('; ')}); no service to attach it to` });
  }
  if (part.services.length === 0 && part.warnings.length === 0) {
    part.warnings.push({ severity: 'warning', format: FORMAT, file: file.path, line: 1, message: 'The Procfile declares no process type' });
  }
  return part;
}
