/**
 * `docker ps -a --no-trunc --format '{{json .}}'`: one JSON object per line. Labels come as
 * "k=v,k=v" (values may themselves contain commas, so split on ",key=" boundaries).
 */

export interface DockerPsEntry {
  id: string;
  name: string;
  image: string;
  state: string;
  status: string;
  ports: string;
  labels: Record<string, string>;
}

export function parseLabels(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!text) return out;
  const parts = text.split(/,(?=[A-Za-z0-9_.\-/]+=)/);
  for (const p of parts) {
    const i = p.indexOf('=');
    if (i > 0) out[p.slice(0, i)] = p.slice(i + 1);
  }
  return out;
}

export function parseDockerPs(output: string): DockerPsEntry[] {
  const out: DockerPsEntry[] = [];
  for (const line of output.split('\n')) {
    const t = line.trim();
    if (!t.startsWith('{')) continue;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(t) as Record<string, unknown>;
    } catch {
      continue;
    }
    const s = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : '');
    // podman's CLI prints Names as an array and Labels as an object.
    const names = Array.isArray(o.Names) ? (o.Names as string[]).join(',') : s('Names');
    const labels = o.Labels && typeof o.Labels === 'object' ? (o.Labels as Record<string, string>) : parseLabels(s('Labels'));
    out.push({
      id: s('ID') || s('Id'),
      name: names.replace(/^\//, ''),
      image: s('Image'),
      state: s('State').toLowerCase(),
      status: s('Status'),
      ports: typeof o.Ports === 'string' ? o.Ports : '',
      labels,
    });
  }
  return out;
}

/** Host ports a container publishes, from the CLI's "0.0.0.0:8080->80/tcp, :::8080->80/tcp". */
export function publishedPorts(ports: string): { hostPort: number; containerPort: number }[] {
  const out: { hostPort: number; containerPort: number }[] = [];
  for (const m of ports.matchAll(/:(\d+)->(\d+)\/tcp/g)) {
    const pair = { hostPort: Number(m[1]), containerPort: Number(m[2]) };
    if (!out.some((p) => p.hostPort === pair.hostPort)) out.push(pair);
  }
  return out;
}
