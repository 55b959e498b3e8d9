import type { OsFacts } from '../../../contract/discovery';

/** /etc/os-release: KEY=value lines, values optionally quoted. */
export function parseOsRelease(output: string): OsFacts | null {
  const kv = new Map<string, string>();
  for (const line of output.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!m) continue;
    let v = m[2].trim();
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1).replace(/\\(["$`\\])/g, '$1');
    kv.set(m[1], v);
  }
  if (kv.size === 0) return null;
  return {
    id: kv.get('ID') ?? null,
    name: kv.get('NAME') ?? null,
    version: kv.get('VERSION_ID') ?? kv.get('VERSION') ?? null,
    prettyName: kv.get('PRETTY_NAME') ?? null,
  };
}
