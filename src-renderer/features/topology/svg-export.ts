import type { Layout, Point } from './elk-graph';
import type { Health, Role, TopoGraph } from './topology-model';

export interface SvgColors {
  bg: string;
  panel: string;
  border: string;
  text: string;
  muted: string;
  edge: string;
  health: Record<Health, string>;
}

export const LIGHT_COLORS: SvgColors = {
  bg: '#f4f5f7',
  panel: '#ffffff',
  border: '#c2c8d0',
  text: '#1c2230',
  muted: '#5c6573',
  edge: '#8a929e',
  health: { healthy: '#2e7d32', degraded: '#a35f00', down: '#c0292b', unknown: '#9aa1ab' },
};

/** The page's theme variables, so an export looks like the screen. */
export function colorsFromDocument(): SvgColors {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    bg: v('--bg', LIGHT_COLORS.bg),
    panel: v('--panel', LIGHT_COLORS.panel),
    border: v('--border-strong', LIGHT_COLORS.border),
    text: v('--text', LIGHT_COLORS.text),
    muted: v('--muted', LIGHT_COLORS.muted),
    edge: v('--faint', LIGHT_COLORS.edge),
    health: {
      healthy: v('--ok', LIGHT_COLORS.health.healthy),
      degraded: v('--warn', LIGHT_COLORS.health.degraded),
      down: v('--danger', LIGHT_COLORS.health.down),
      unknown: v('--unknown', LIGHT_COLORS.health.unknown),
    },
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const path = (pts: readonly Point[]) => pts.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join(' ');

export const ROLE_TAG: Record<Role, string> = {
  internet: '',
  edge: 'CDN / EDGE',
  proxy: 'PROXY',
  app: 'APP',
  worker: 'WORKER',
  cron: 'CRON',
  data: 'DATA',
  external: 'EXTERNAL',
};

/**
 * The diagram as a standalone SVG, drawn from the layout (the screen's nodes are HTML, so the
 * export is built from the same positions rather than copied from the page).
 */
export function toSvg(g: TopoGraph, layout: Layout, colors: SvgColors = LIGHT_COLORS): string {
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const kindOf = new Map(g.edges.map((e) => [e.id, e.kind]));
  const W = Math.ceil(layout.width);
  const H = Math.ceil(layout.height) + 28;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif">`,
    `<title>${esc(g.title)}</title>`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="${colors.edge}"/></marker></defs>`,
    `<rect width="100%" height="100%" fill="${colors.bg}"/>`,
    `<text x="24" y="22" font-size="13" font-weight="600" fill="${colors.text}">${esc(g.title)}</text>`,
    `<g transform="translate(0 20)">`,
  ];
  for (const e of layout.edges) {
    if (e.points.length < 2) continue;
    const kind = kindOf.get(e.id);
    const dash = kind === 'depends-on' ? ' stroke-dasharray="5 4"' : '';
    out.push(`<path d="${path(e.points)}" fill="none" stroke="${colors.edge}" stroke-width="1.4"${dash} marker-end="url(#arrow)"/>`);
  }
  for (const ln of layout.nodes) {
    const n = byId.get(ln.id);
    if (!n) continue;
    const stroke = colors.health[n.health];
    if (n.role === 'internet') {
      out.push(
        `<g data-node="${esc(n.id)}"><rect x="${ln.x}" y="${ln.y}" width="${ln.width}" height="${ln.height}" rx="${ln.height / 2}" fill="${colors.panel}" stroke="${colors.border}" stroke-width="1.2"/>`,
        `<text x="${ln.x + ln.width / 2}" y="${ln.y + ln.height / 2 + 4}" text-anchor="middle" font-size="13" font-weight="600" fill="${colors.text}">${esc(n.label)}</text></g>`,
      );
      continue;
    }
    const rx = n.role === 'data' ? 14 : n.role === 'external' ? ln.height / 2 : 6;
    out.push(
      `<g data-node="${esc(n.id)}">`,
      `<rect x="${ln.x}" y="${ln.y}" width="${ln.width}" height="${ln.height}" rx="${rx}" fill="${colors.panel}" stroke="${colors.border}" stroke-width="1.2"/>`,
      `<circle cx="${ln.x + 14}" cy="${ln.y + 19}" r="4.5" fill="${stroke}"/>`,
      `<text x="${ln.x + 26}" y="${ln.y + 23}" font-size="13" font-weight="600" fill="${colors.text}">${esc(clip(n.label, Math.floor((ln.width - 112) / 8.2)))}</text>`,
      `<text x="${ln.x + ln.width - 10}" y="${ln.y + 14}" text-anchor="end" font-size="8.5" letter-spacing="0.6" fill="${colors.muted}">${ROLE_TAG[n.role]}</text>`,
      `<text x="${ln.x + 14}" y="${ln.y + 42}" font-size="11" fill="${colors.muted}">${esc(clip(n.detail, Math.floor((ln.width - 28) / 6.4)))}</text>`,
      `</g>`,
    );
  }
  out.push('</g></svg>');
  return out.join('\n');
}

/** Draws the SVG on a canvas (2× for sharp text) and returns a PNG. */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const img = new Image();
  // data: URLs are allowed by the page's CSP (img-src 'self' data:); blob: URLs are not.
  img.src = `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(svg)))}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(img.naturalWidth * scale);
  canvas.height = Math.ceil(img.naturalHeight * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw on a canvas.');
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}

/** Saves a Blob as a file through a temporary link (works in Electron and in the browser). */
export function download(name: string, data: Blob | string, type = 'text/plain'): void {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
