import type { FollowSsh } from './types';

/** Long-running follow commands per host at most: the rest of the host's 8 SSH sessions stay free. */
export const FOLLOW_SLOTS_PER_HOST = 4;

/**
 * Limits how many follow commands run on one host at once. Every followed file, PM2 log or
 * journal holds one SSH session for as long as it is followed; without a limit, eight of them
 * would take every session of the host's connection and stall health checks, metrics and
 * terminals there. A follower past the limit waits (and says so) until another one ends.
 */
export function createHostSlots(limit = FOLLOW_SLOTS_PER_HOST) {
  const hosts = new Map<string, { active: number; waiters: (() => void)[] }>();
  const state = (hostId: string) => {
    let h = hosts.get(hostId);
    if (!h) hosts.set(hostId, (h = { active: 0, waiters: [] }));
    return h;
  };

  function acquire(hostId: string, signal?: AbortSignal): Promise<boolean> {
    const h = state(hostId);
    if (h.active < limit) {
      h.active++;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const go = () => {
        signal?.removeEventListener('abort', cancel);
        h.active++;
        resolve(true);
      };
      const cancel = () => {
        h.waiters = h.waiters.filter((w) => w !== go);
        resolve(false);
      };
      h.waiters.push(go);
      signal?.addEventListener('abort', cancel, { once: true });
    });
  }

  function release(hostId: string): void {
    const h = state(hostId);
    h.active--;
    const next = h.waiters.shift();
    if (next) next();
    else if (h.active === 0) hosts.delete(hostId);
  }

  return {
    /** The SSH core as one follower sees it: execStream waits for a slot (onWait tells why). */
    wrap(ssh: FollowSsh, onWait: () => void): FollowSsh {
      return {
        exec: (hostId, command, options) => ssh.exec(hostId, command, options),
        async execStream(hostId, command, options) {
          const h = state(hostId);
          if (h.active >= limit) onWait();
          if (!(await acquire(hostId, options?.signal))) throw Object.assign(new Error('cancelled'), { code: 'CANCELLED' });
          try {
            const s = await ssh.execStream(hostId, command, options);
            s.done.finally(() => release(hostId)).catch(() => undefined);
            return s;
          } catch (err) {
            release(hostId);
            throw err;
          }
        },
      };
    },
    /** For tests: follow commands running on a host. */
    active: (hostId: string) => hosts.get(hostId)?.active ?? 0,
  };
}
