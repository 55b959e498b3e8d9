import type { ListeningPort } from '../../../contract/discovery';

/**
 * `ss -ltnp` (and `netstat -ltnp` where ss is missing): listening TCP sockets with the owning
 * process when the user may see it (own processes, or root).
 */

function splitAddress(local: string): { address: string; port: number } | null {
  const i = local.lastIndexOf(':');
  if (i < 0) return null;
  const port = Number(local.slice(i + 1));
  if (!Number.isInteger(port)) return null;
  let address = local.slice(0, i).replace(/^\[|\]$/g, '');
  // ss prints "0.0.0.0%lo:53" or "[::1]%lo" for interface-bound sockets.
  address = address.replace(/%[^\]]*$/, '');
  return { address: address === '' ? '*' : address, port };
}

function dedupe(ports: ListeningPort[]): ListeningPort[] {
  const seen = new Set<string>();
  return ports.filter((p) => {
    const key = `${p.protocol}|${p.address}|${p.port}|${p.pid ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function parseSs(output: string): ListeningPort[] {
  const out: ListeningPort[] = [];
  for (const line of output.split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (cols[0] !== 'LISTEN' || cols.length < 5) continue;
    const local = splitAddress(cols[3]);
    if (!local) continue;
    const users = cols.slice(5).join(' ');
    // users:(("nginx",pid=812,fd=6),("nginx",pid=811,fd=6)): the first is enough.
    const m = /\(\("([^"]*)",pid=(\d+)/.exec(users);
    out.push({
      protocol: local.address.includes(':') ? 'tcp6' : 'tcp',
      address: local.address,
      port: local.port,
      process: m ? m[1] : null,
      pid: m ? Number(m[2]) : null,
    });
  }
  return dedupe(out);
}

export function parseNetstat(output: string): ListeningPort[] {
  const out: ListeningPort[] = [];
  for (const line of output.split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (!/^tcp6?$/.test(cols[0] ?? '') || cols[5] !== 'LISTEN') continue;
    const local = splitAddress(cols[3]);
    if (!local) continue;
    const m = /^(\d+)\/(.+)$/.exec(cols[6] ?? '');
    out.push({
      protocol: cols[0] === 'tcp6' ? 'tcp6' : 'tcp',
      address: local.address,
      port: local.port,
      process: m ? m[2].split(':')[0].trim() : null,
      pid: m ? Number(m[1]) : null,
    });
  }
  return dedupe(out);
}
