import { create } from 'zustand';
import { getConnectionStatus, onConnectionStatus, type ConnectionStatus } from '../api/connection-state';

export const useConnectionStore = create<ConnectionStatus>()(() => getConnectionStatus());

onConnectionStatus((s) => useConnectionStore.setState(s, true));
