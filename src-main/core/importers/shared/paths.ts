import type { ImportFile } from '../types';

/** Path helpers on the paths as the user gave them (POSIX or Windows separators). */
export function normalizePath(p: string): string {
  const parts = p.replace(/\\/g, '/').split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '.' || (part === '' && out.length > 0)) continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..' && out[out.length - 1] !== '') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

export function dirName(p: string): string {
  const n = p.replace(/\\/g, '/');
  const i = n.lastIndexOf('/');
  return i < 0 ? '' : n.slice(0, i);
}

export function baseName(p: string): string {
  const n = p.replace(/\\/g, '/');
  return n.slice(n.lastIndexOf('/') + 1);
}

/** `relative` as written in `fromFile` (env_file, extends.file…), resolved against its folder. */
export function resolveFrom(fromFile: string, relative: string): string {
  const r = relative.replace(/\\/g, '/');
  if (r.startsWith('/') || /^[A-Za-z]:\//.test(r)) return normalizePath(r);
  const dir = dirName(fromFile);
  return normalizePath(dir ? `${dir}/${r}` : r);
}

/** The sibling at `relative` from `fromFile`, if the import includes it. */
export function findSibling(fromFile: string, relative: string, siblings: readonly ImportFile[]): ImportFile | undefined {
  const want = resolveFrom(fromFile, relative);
  return siblings.find((s) => normalizePath(s.path) === want);
}
