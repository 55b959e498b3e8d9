import type { Core } from '../../core/create-core';
import type { Handlers } from '../types';
import { createAppHandlers } from './app';
import { createDiscoveryHandlers } from './discovery';
import { createImportHandlers } from './imports';
import { createInventoryHandlers } from './inventory';
import { createSshHandlers } from './ssh';
import { createSshConfigImportHandlers } from './ssh-config-import';
import { createTerminalHandlers } from './terminal';
import { createScanProposalHandlers } from './scan-proposals';
import { createLogHandlers } from './logs';
import { createMetricHandlers } from './metrics';
import { createHealthHandlers } from './health';
import type { TerminalSessions } from '../terminal-sessions';

/**
 * Every call's handler. The return type is the full `Handlers` map, so the compiler refuses
 * to build while any call of the contract has no handler.
 */
export function createHandlers(
  core: Core,
  streams: Pick<Handlers, 'streams.open' | 'streams.ack' | 'streams.close'>,
  terminals?: TerminalSessions,
): Handlers {
  return {
    ...createAppHandlers(core),
    ...createInventoryHandlers(core.inventory),
    ...createSshHandlers(core),
    ...createSshConfigImportHandlers(core),
    ...createImportHandlers(core),
    ...createTerminalHandlers(terminals),
    ...createDiscoveryHandlers(core),
    ...createScanProposalHandlers(core),
    ...createLogHandlers(core),
    ...createMetricHandlers(core),
    ...createHealthHandlers(core),
    ...streams,
  };
}
