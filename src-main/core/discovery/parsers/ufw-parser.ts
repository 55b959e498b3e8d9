import type { FirewallFacts, FirewallRule } from '../../../contract/discovery';

/**
 * `ufw status verbose`. The remote script prints "OPSDECK: not installed" when ufw is missing;
 * ufw itself says "You need to be root" without sudo.
 */
export function parseUfw(output: string, exitCode: number | null): FirewallFacts {
  const text = output.trim();
  if (exitCode === 127 || /not installed|command not found/i.test(text)) return { state: 'not-installed', defaults: null, rules: [] };
  if (/need to be root|permission denied|must be root/i.test(text)) return { state: 'needs-root', defaults: null, rules: [] };
  const status = /^Status:\s*(\w+)/m.exec(text);
  if (!status) return { state: 'unknown', defaults: null, rules: [] };
  const state = status[1].toLowerCase() === 'active' ? 'active' : 'inactive';
  const defaults = /^Default:\s*(.+)$/m.exec(text)?.[1].trim() ?? null;
  const rules: FirewallRule[] = [];
  let inTable = false;
  for (const line of text.split('\n')) {
    if (/^To\s+Action\s+From/.test(line)) {
      inTable = true;
      continue;
    }
    if (!inTable || /^-+/.test(line.trim()) || !line.trim()) continue;
    // Columns are separated by two or more spaces; "ALLOW IN" has one.
    const [body, comment] = line.split(/\s+#\s*/, 2);
    const cols = body.trim().split(/\s{2,}/);
    if (cols.length < 3) continue;
    rules.push({ to: cols[0], action: cols[1], from: cols.slice(2).join(' '), comment: comment?.trim() || null });
  }
  return { state, defaults, rules };
}
