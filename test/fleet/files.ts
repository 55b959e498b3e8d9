import { chownSync, lstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isRoot } from './login-user';

/** Hands a tree to the login user: the seed droplets' servers run as that user. */
export function chownTree(path: string, uid: number, gid: number): void {
  if (!isRoot) return;
  chownSync(path, uid, gid);
  if (!lstatSync(path).isDirectory()) return;
  for (const entry of readdirSync(path)) {
    const p = join(path, entry);
    if (lstatSync(p).isSymbolicLink()) continue;
    chownTree(p, uid, gid);
  }
}

/** Writes a file (creating its dir) owned by the login user. */
export function writeUserFile(path: string, text: string, owner: { uid: number; gid: number }, mode = 0o644): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text, { mode });
  if (isRoot) chownSync(path, owner.uid, owner.gid);
}
