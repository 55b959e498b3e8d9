import type { Core } from '../../core/create-core';
import type { Handlers } from '../types';
import { createAppHandlers } from './app';
import { createInventoryHandlers } from './inventory';

/**
 * Every call's handler. The return type is the full `Handlers` map, so the compiler refuses
 * to build while any call of the contract has no handler.
 */
export function createHandlers(core: Core, streams: Pick<Handlers, 'streams.open' | 'streams.ack' | 'streams.close'>): Handlers {
  return {
    ...createAppHandlers(core),
    ...createInventoryHandlers(core.inventory),
    ...streams,
  };
}
