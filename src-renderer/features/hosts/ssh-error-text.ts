import type { ErrorShape } from '../../../src-main/contract';
import type { MessageKey, TFunction } from '../../i18n';

/** Codes with their own sentence and hint in the user's language (ssh.ts dictionary). */
const LOCALISED = [
  'HOST_KEY_UNKNOWN',
  'HOST_KEY_CHANGED',
  'SSH_UNREACHABLE',
  'SSH_AUTH_FAILED',
  'SSH_TIMEOUT',
  'SSH_CLOSED',
  'SSH_CHANNEL',
  'REMOTE_COMMAND_FAILED',
  'OUTPUT_TOO_LARGE',
  'NOT_FOUND',
] as const;
type Localised = (typeof LOCALISED)[number];
const isLocalised = (c: string): c is Localised => (LOCALISED as readonly string[]).includes(c);

interface Details {
  host?: string;
  port?: number;
  code?: string;
  methods?: string[];
  username?: string;
  timeoutMs?: number;
  via?: string;
}

/**
 * What happened and what to try, in the user's language, filled with the facts the core put in
 * `details`. Codes without their own text fall back to the core's message and hint.
 */
export function sshErrorText(t: TFunction, error: ErrorShape, hostName: string): { what: string; hint: string | undefined; showDetail: boolean } {
  if (!isLocalised(error.code)) return { what: error.message, hint: error.hint, showDetail: false };
  const d = (error.details ?? {}) as Details;
  const address = d.host ? `${d.host}${d.port ? `:${d.port}` : ''}` : '';
  const vars = {
    host: hostName,
    address: address || hostName,
    user: d.username ?? '—',
    methods: d.methods?.length ? d.methods.join(', ') : '—',
    seconds: d.timeoutMs ? String(Math.round(d.timeoutMs / 100) / 10) : '—',
  };
  let whatKey = `sshErr.${error.code}.what` as MessageKey;
  if (error.code === 'SSH_UNREACHABLE' && d.code === 'ECONNREFUSED') whatKey = 'sshErr.SSH_UNREACHABLE.refused';
  let hintKey = `sshErr.${error.code}.hint` as MessageKey;
  // A login the server refused after one method (details carry the user then, unlike a key that
  // could not even be read) says which secret was wrong: the key or the password.
  const only = error.code === 'SSH_AUTH_FAILED' && d.methods?.length === 1 ? d.methods[0] : undefined;
  const refused = d.username !== undefined;
  if (only === 'agent') whatKey = 'sshErr.SSH_AUTH_FAILED.agent';
  if (only === 'publickey' && refused) {
    whatKey = 'sshErr.SSH_AUTH_FAILED.publickey';
    hintKey = 'sshErr.SSH_AUTH_FAILED.publickeyHint';
  }
  if (only === 'password' && refused) {
    whatKey = 'sshErr.SSH_AUTH_FAILED.password';
    hintKey = 'sshErr.SSH_AUTH_FAILED.passwordHint';
  }
  return {
    what: t(whatKey, vars),
    hint: t(hintKey, vars),
    showDetail: true,
  };
}
