export { SshManager, type SshManagerOptions, type SshLogger } from './ssh-manager';
export { HostKeyStore, fingerprintOf, presentedKey, parsePublicKeyLine, type PresentedKey } from './host-key-store';
export { shellQuote, cmd, remoteCommand, secret, raw, pipeline, isRemoteCommand, type RemoteCommand, type Arg } from './remote-command';
export type { ExecOptions, ExecResult, ExecStream, ExecStreamOptions } from './ssh-exec';
export type { SshInventory, SshHostRecord, SshCredentialRecord } from './ssh-auth';
export type { SftpSession, TransferResult, Progress } from './sftp-ops';
export { parseSshConfig, parseKnownHosts, previewSshImport, readLocalSshImport } from './ssh-config-import';
