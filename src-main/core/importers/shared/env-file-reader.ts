/**
 * Lines of a dotenv-style file (Compose env_file, .env): `KEY=value`, `export KEY=value`,
 * `KEY` alone (declared, no value), comments and blank lines. Values are returned as written
 * (quotes removed); callers decide what is secret.
 */
export interface EnvFileEntry {
  name: string;
  /** null when the line declares the name without a value. */
  value: string | null;
  line: number;
  column: number;
}

export interface EnvFileProblem {
  line: number;
  column: number;
  message: string;
}

export interface EnvFileRead {
  entries: EnvFileEntry[];
  problems: EnvFileProblem[];
}

export function readEnvFile(text: string): EnvFileRead {
  const entries: EnvFileEntry[] = [];
  const problems: EnvFileProblem[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const indent = raw.length - raw.trimStart().length;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(?:(=)\s*(.*))?$/.exec(trimmed);
    if (!m) {
      problems.push({ line: i + 1, column: indent + 1, message: 'not a NAME=value line' });
      continue;
    }
    let value: string | null = m[2] ? (m[3] ?? '') : null;
    if (value !== null) {
      const q = value[0];
      if ((q === '"' || q === "'") && value.length >= 1) {
        const end = value.indexOf(q, 1);
        if (end < 0 && q === '"') {
          // A double-quoted value may run over several lines.
          let acc = value.slice(1);
          let j = i + 1;
          for (; j < lines.length; j++) {
            const k = lines[j].indexOf('"');
            if (k >= 0) {
              acc += '\n' + lines[j].slice(0, k);
              break;
            }
            acc += '\n' + lines[j];
          }
          if (j >= lines.length) {
            problems.push({ line: i + 1, column: indent + 1, message: 'unterminated quoted value' });
            value = acc;
          } else {
            value = acc;
            i = j;
          }
        } else if (end < 0) {
          problems.push({ line: i + 1, column: indent + 1, message: 'unterminated quoted value' });
          value = value.slice(1);
        } else {
          value = value.slice(1, end);
        }
      } else {
        value = value.replace(/\s+#.*$/, '').trim();
      }
    }
    entries.push({ name: m[1], value, line: i + 1, column: indent + 1 });
  }
  return { entries, problems };
}
