import path from 'node:path';
import { AppError } from '../../contract';
import { previewSshImport, readLocalSshImport } from '../../core/connectors/ssh/ssh-config-import';
import type { Core } from '../../core/create-core';
import type { Handlers } from '../types';

export type SshHandlerNames =
  | 'hosts.testConnection'
  | 'hosts.scanKey'
  | 'hosts.knownKey'
  | 'hosts.trustKey'
  | 'hosts.importKnownKey'
  | 'hosts.forgetKey'
  | 'sftp.list'
  | 'sftp.download'
  | 'sftp.upload'
  | 'sshConfig.preview'
  | 'sshConfig.readLocal';

function absolute(p: string, what: string): string {
  if (!path.isAbsolute(p)) throw new AppError('VALIDATION', `The ${what} must be an absolute path.`, 'Pick the file or folder with the file chooser.');
  return path.normalize(p);
}

const pct = (done: number, total: number) => (total > 0 ? Math.min(99, (done / total) * 100) : 50);

/** Hosts over SSH: connection tests, host keys, SFTP (as jobs) and the ~/.ssh import preview. */
export function createSshHandlers(core: Pick<Core, 'ssh' | 'jobs' | 'audit' | 'inventory' | 'info'>): Pick<Handlers, SshHandlerNames> {
  const { ssh, jobs } = core;
  const hostName = (id: string) => core.inventory.tree().hosts.find((h) => h.id === id)?.name ?? id;
  return {
    'hosts.testConnection': (i) => ssh.testConnection(i.id),
    'hosts.scanKey': (i) => ssh.scanKey(i.id),
    'hosts.knownKey': (i) => ssh.knownKey(i.id),
    'hosts.trustKey': (i) => ssh.trustKey(i.id, i.fingerprint),
    'hosts.importKnownKey': (i) => ssh.importKnownKey(i.id, i.publicKey),
    'hosts.forgetKey': (i) => {
      ssh.forgetKey(i.id);
      return { ok: true as const };
    },
    'sftp.list': (i) => ssh.sftp(i.hostId, (s) => s.list(i.path)),
    'sftp.download': (i) => {
      const local = absolute(i.localPath, 'download destination');
      const name = hostName(i.hostId);
      return jobs.start('sftp.download', `Download ${path.posix.basename(i.remotePath)}`, name, async (ctx) => {
        ctx.progress(0, 'connecting');
        const r = await ssh.sftp(i.hostId, (s) => s.download(i.remotePath, local, (d, t) => ctx.progress(pct(d, t), 'downloading'), ctx.signal), ctx.signal);
        ctx.progress(100, r.verified ? 'verified' : 'done');
        ctx.log('info', `${r.bytes} bytes, sha256 ${r.sha256}${r.verified ? ' (matches the host)' : ' (the host has no sha256sum)'}`);
        return r;
      });
    },
    'sftp.upload': (i) => {
      const local = absolute(i.localPath, 'file to upload');
      const name = hostName(i.hostId);
      return jobs.start('sftp.upload', `Upload ${path.basename(local)}`, name, async (ctx) => {
        ctx.progress(0, 'connecting');
        try {
          const r = await ssh.sftp(i.hostId, (s) => s.upload(local, i.remotePath, (d, t) => ctx.progress(pct(d, t), 'uploading'), ctx.signal), ctx.signal);
          core.audit.record({ action: 'sftp.upload', targetKind: 'host', targetId: i.hostId, targetName: name, command: `sftp put ${local} ${i.remotePath}`, result: 'ok', details: `${r.bytes} bytes, sha256 ${r.sha256}` });
          ctx.progress(100, r.verified ? 'verified' : 'done');
          return r;
        } catch (err) {
          core.audit.record({ action: 'sftp.upload', targetKind: 'host', targetId: i.hostId, targetName: name, command: `sftp put ${local} ${i.remotePath}`, result: 'error', details: (err as AppError).code ?? 'error' });
          throw err;
        }
      });
    },
    'sshConfig.preview': (i) => previewSshImport({ configText: i.configText, knownHostsText: i.knownHostsText }),
    'sshConfig.readLocal': (i) => {
      // serve may run on a machine whose ~/.ssh the browser user should not see unasked:
      // it reads only the paths given explicitly; the desktop app may read the defaults.
      if (core.info().host === 'serve' && (!i.configPath || !i.knownHostsPath)) {
        throw new AppError('FORBIDDEN', 'In the browser, pick the ssh config and known_hosts files to read.', 'Give both paths, or paste the files into the import preview.');
      }
      return readLocalSshImport({
        configPath: i.configPath ? absolute(i.configPath, 'ssh config path') : undefined,
        knownHostsPath: i.knownHostsPath ? absolute(i.knownHostsPath, 'known_hosts path') : undefined,
      });
    },
  };
}
