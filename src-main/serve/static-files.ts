import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { ServerResponse } from 'node:http';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

/** Serves the built renderer; unknown paths get index.html (the app routes itself). */
export async function serveStatic(root: string, urlPath: string, res: ServerResponse): Promise<void> {
  const base = resolve(root);
  let rel = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  if (rel.endsWith('/')) rel += 'index.html';
  const file = resolve(join(base, normalize(rel)));
  let target = file.startsWith(base + sep) ? file : join(base, 'index.html');
  try {
    const s = await stat(target);
    if (!s.isFile()) target = join(base, 'index.html');
  } catch {
    target = join(base, 'index.html');
  }
  let body: Buffer;
  try {
    body = await readFile(target);
  } catch {
    res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(`The Opsdeck interface is not built in ${base}. Run \`npm run build\` (or use \`npm run serve\`, which builds first).`);
    return;
  }
  const type = MIME[extname(target)] ?? 'application/octet-stream';
  res.writeHead(200, {
    'Content-Type': type,
    'Cache-Control': target.endsWith('index.html') ? 'no-store' : 'private, max-age=3600',
  });
  res.end(body);
}
