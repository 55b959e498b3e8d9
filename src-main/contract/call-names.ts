/**
 * The names of every call, without zod: the Electron preload imports this to expose one function
 * per call. calls.ts makes the compiler check that this list and the contract agree.
 */
export const CALL_NAMES = [
  'app.info',
  'settings.get',
  'settings.update',
  'vault.status',
  'vault.setup',
  'vault.unlock',
  'vault.lock',
  'inventory.tree',
  'inventory.demoState',
  'inventory.loadDemo',
  'inventory.dismissDemo',
  'projects.create',
  'projects.update',
  'projects.delete',
  'environments.create',
  'environments.update',
  'environments.delete',
  'hosts.create',
  'hosts.update',
  'hosts.delete',
  'services.create',
  'services.update',
  'services.delete',
  'links.create',
  'links.delete',
  'credentials.create',
  'credentials.update',
  'credentials.delete',
  'jobs.list',
  'jobs.get',
  'jobs.logs',
  'jobs.start',
  'jobs.cancel',
  'audit.list',
  'audit.export',
  // ── hosts over SSH (connect, host keys, files) ──
  // ── discovery and Docker ──
  // ── import and topology ──
  'streams.open',
  'streams.ack',
  'streams.close',
] as const;
export type CallNameList = (typeof CALL_NAMES)[number];
