import type { OpsdeckBridge, Transport } from './transport';

/** Electron: the preload already exposes one typed door; we only adapt its shape. */
export function createElectronTransport(bridge: OpsdeckBridge): Transport {
  return {
    kind: 'electron',
    call: (name, input) => bridge.call(name, input),
    onEvent: (cb) => bridge.onEvent(cb),
  };
}
