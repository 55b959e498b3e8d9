import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FileEntryWithStats, SFTPWrapper, Stats } from 'ssh2';
import type { SftpEntry, SftpListOutput } from '../../../contract';
import { AppError } from '../../../contract/errors';
import type { ExecOptions, ExecResult } from './ssh-exec';
import { closedError, type ErrorTarget } from './ssh-errors';
import { cmd, type RemoteCommand } from './remote-command';

export type Progress = (done: number, total: number) => void;
export interface TransferResult {
  bytes: number;
  sha256: string;
  /** The remote file's sha256 (sha256sum on the host) matched; false when the host has no sha256sum. */
  verified: boolean;
}

const MAX_LIST_ENTRIES = 10_000;
const S_IFMT = 0o170000;

/** SFTP on one channel of the shared connection: list, download and upload with progress. */
export class SftpSession {
  constructor(
    readonly sftp: SFTPWrapper,
    private readonly t: ErrorTarget,
    private readonly execFn: (c: RemoteCommand, o?: ExecOptions) => Promise<ExecResult>,
  ) {}

  async realpath(p: string): Promise<string> {
    return this.call<string>((cb) => this.sftp.realpath(p, cb), p);
  }

  async stat(p: string): Promise<Stats> {
    return this.call<Stats>((cb) => this.sftp.stat(p, cb), p);
  }

  async list(p: string): Promise<SftpListOutput> {
    const abs = await this.realpath(p);
    const raw = await this.call<FileEntryWithStats[]>((cb) => this.sftp.readdir(abs, cb), abs);
    const entries: SftpEntry[] = raw
      .filter((e) => e.filename !== '.' && e.filename !== '..')
      .slice(0, MAX_LIST_ENTRIES)
      .map((e) => ({
        name: e.filename,
        type: typeOf(e.attrs.mode),
        size: e.attrs.size,
        mode: e.attrs.mode & 0o7777,
        mtime: new Date(e.attrs.mtime * 1000).toISOString(),
      }))
      .sort((a, b) => (a.type === 'dir') === (b.type === 'dir') ? a.name.localeCompare(b.name) : a.type === 'dir' ? -1 : 1);
    return { path: abs, entries, truncated: raw.length > MAX_LIST_ENTRIES + 2 };
  }

  /** Remote → local file or stream; sha256 of the bytes received, then compared with the host's. */
  async download(remote: string, local: string | Writable, onProgress?: Progress, signal?: AbortSignal): Promise<TransferResult> {
    const total = (await this.stat(remote)).size;
    const hash = createHash('sha256');
    let done = 0;
    const meter = meterStream((chunk) => {
      hash.update(chunk);
      done += chunk.length;
      onProgress?.(done, total);
    });
    const source = this.sftp.createReadStream(remote);
    const sink = typeof local === 'string' ? fs.createWriteStream(partPath(local), { mode: 0o600 }) : local;
    try {
      await pipeline(source, meter, sink, { signal });
    } catch (err) {
      if (typeof local === 'string') fs.rmSync(partPath(local), { force: true });
      throw this.mapErr(err, remote);
    }
    if (typeof local === 'string') fs.renameSync(partPath(local), local);
    const sha256 = hash.digest('hex');
    const remoteSum = await this.remoteSha256(remote);
    if (remoteSum && remoteSum !== sha256) {
      throw new AppError('REMOTE_COMMAND_FAILED', `The downloaded ${remote} does not match the file on ${this.t.name} (sha256 differs).`, 'The file may have changed during the download; download it again.', { remote, local: typeof local === 'string' ? local : null });
    }
    return { bytes: done, sha256, verified: remoteSum !== null };
  }

  /** Local file or buffer → remote; written to a temporary name, checked, then renamed into place. */
  async upload(local: string | Buffer, remote: string, onProgress?: Progress, signal?: AbortSignal): Promise<TransferResult> {
    const total = typeof local === 'string' ? fs.statSync(local).size : local.length;
    const hash = createHash('sha256');
    let done = 0;
    const meter = meterStream((chunk) => {
      hash.update(chunk);
      done += chunk.length;
      onProgress?.(done, total);
    });
    const tmp = `${remote}.opsdeck-part`;
    const source: Readable = typeof local === 'string' ? fs.createReadStream(local) : bufferStream(local);
    try {
      await pipeline(source, meter, this.sftp.createWriteStream(tmp, { mode: 0o644 }), { signal });
    } catch (err) {
      await this.unlinkQuiet(tmp);
      throw this.mapErr(err, remote);
    }
    const sha256 = hash.digest('hex');
    const remoteSum = await this.remoteSha256(tmp);
    if (remoteSum && remoteSum !== sha256) {
      await this.unlinkQuiet(tmp);
      throw new AppError('REMOTE_COMMAND_FAILED', `The uploaded ${path.posix.basename(remote)} arrived damaged on ${this.t.name} (sha256 differs); nothing was replaced.`, 'Upload it again.', { remote });
    }
    await this.rename(tmp, remote);
    return { bytes: done, sha256, verified: remoteSum !== null };
  }

  /** sha256sum on the host; null when the host has no sha256sum. */
  async remoteSha256(remote: string): Promise<string | null> {
    const r = await this.execFn(cmd('sha256sum', '--', remote), { timeoutMs: 120_000, maxOutputBytes: 64 * 1024 });
    if (r.code === 127) return null;
    if (r.code !== 0) {
      throw new AppError('REMOTE_COMMAND_FAILED', `sha256sum failed on ${this.t.name}: ${r.stderr.trim().slice(0, 300)}`, 'Check that the file exists and is readable.', { code: r.code });
    }
    return r.stdout.trim().split(/\s+/)[0]?.replace(/^\\/, '') ?? null;
  }

  private async rename(from: string, to: string): Promise<void> {
    // posix-rename replaces an existing file atomically (OpenSSH extension); plain rename does not.
    const ext = (this.sftp as unknown as { ext_openssh_rename?: (a: string, b: string, cb: (e?: Error) => void) => void }).ext_openssh_rename;
    if (ext) return this.call<void>((cb) => ext.call(this.sftp, from, to, cb), to);
    await this.unlinkQuiet(to);
    return this.call<void>((cb) => this.sftp.rename(from, to, cb), to);
  }

  private async unlinkQuiet(p: string): Promise<void> {
    await new Promise<void>((r) => this.sftp.unlink(p, () => r()));
  }

  private call<T>(fn: (cb: (err: Error | undefined | null, v: T) => void) => void, p: string): Promise<T> {
    return new Promise((resolve, reject) => fn((err, v) => (err ? reject(this.mapErr(err, p)) : resolve(v))));
  }

  private mapErr(err: unknown, p: string): AppError {
    if (err instanceof AppError) return err;
    const e = err as { code?: number | string; message?: string; name?: string };
    if (e.name === 'AbortError') return new AppError('CANCELLED', 'The transfer was cancelled.');
    if (e.code === 2) return new AppError('NOT_FOUND', `${p} does not exist on ${this.t.name}.`, 'Check the path.', { path: p });
    if (e.code === 3) return new AppError('FORBIDDEN', `${this.t.username ?? 'The user'} may not access ${p} on ${this.t.name}.`, 'Check the file permissions or log in as another user.', { path: p });
    if (/no response|not connected|closed/i.test(e.message ?? '')) return closedError(this.t);
    if (typeof e.code === 'string' && e.code.startsWith('E')) {
      return new AppError('REMOTE_COMMAND_FAILED', `A local file could not be used: ${e.message}`, 'Check the local path and its permissions.', { path: p });
    }
    return new AppError('REMOTE_COMMAND_FAILED', `SFTP failed on ${this.t.name} for ${p}: ${e.message ?? String(err)}`, 'Check the path and permissions.', { path: p });
  }
}

function typeOf(mode: number): SftpEntry['type'] {
  switch (mode & S_IFMT) {
    case 0o040000:
      return 'dir';
    case 0o100000:
      return 'file';
    case 0o120000:
      return 'link';
    default:
      return 'other';
  }
}

const partPath = (p: string) => `${p}.opsdeck-part`;

function meterStream(onChunk: (b: Buffer) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      onChunk(chunk);
      cb(null, chunk);
    },
  });
}

function bufferStream(buf: Buffer): Readable {
  const CHUNK = 64 * 1024;
  let i = 0;
  return new Readable({
    read() {
      if (i >= buf.length) return this.push(null);
      this.push(buf.subarray(i, i + CHUNK));
      i += CHUNK;
    },
  });
}
