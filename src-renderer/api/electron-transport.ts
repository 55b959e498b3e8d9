import type { OpsdeckBridge, Transport } from './transport';

/** Electron: the preload already exposes one typed door; we only adapt its shape. */
export function createElectronTransport(bridge: OpsdeckBridge): Transport {
  return {
    kind: 'electron',
    call: (name, input) => {
      const fn = Object.hasOwn(bridge.calls, name) ? bridge.calls[name] : undefined;
      if (!fn) return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CALL', message: 'This action does not exist.', hint: 'Update Opsdeck or reload the window.' } });
      return fn(input);
    },
    onEvent: (cb) => bridge.onEvent(cb),
  };
}
