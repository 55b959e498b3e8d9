import { AppError, type ImportTarget, type KnownHostKey, type SshConfigApplyOutput, type SshDraftDetail } from '../../contract';
import { previewSshImport, readLocalSshImport } from '../../core/connectors/ssh/ssh-config-import';
import type { Core } from '../../core/create-core';
import type { Handlers } from '../types';

/** The key ssh2 would negotiate first among several known_hosts lines for one host. */
const ALGORITHM_PREFERENCE = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
const rank = (algorithm: string) => {
  const i = ALGORITHM_PREFERENCE.indexOf(algorithm);
  return i < 0 ? ALGORITHM_PREFERENCE.length : i;
};

/** The known_hosts key to trust for a draft host: plain entries only, the preferred algorithm. */
export function keyForHost(knownKeys: readonly KnownHostKey[], hostKey: string): KnownHostKey | undefined {
  return knownKeys
    .filter((k) => k.marker === 'none' && k.hostKeys.includes(hostKey))
    .sort((a, b) => rank(a.algorithm) - rank(b.algorithm) || a.line - b.line)[0];
}

/** Notes for a host imported from ssh config: where it came from and its IdentityFile paths. */
function identityNote(detail: SshDraftDetail | undefined): string {
  if (!detail?.identityFiles.length) return '';
  return `IdentityFile (ssh config): ${detail.identityFiles.join(', ')} — set the private key in the host form.`;
}

/**
 * ~/.ssh/config and known_hosts into the inventory: the texts are parsed here on plan and again on
 * apply, merged into the target by the import merge step (one audited transaction), then jump
 * hosts are linked and IdentityFile paths noted (host.update, audited) and the known_hosts key of
 * each picked host is trusted (host.key.import, audited). Private keys are never read.
 */
export function createSshConfigImportHandlers(core: Pick<Core, 'merge' | 'ssh' | 'inventory' | 'info'>): Pick<Handlers, 'sshConfig.plan' | 'sshConfig.apply'> {
  const { merge } = core;
  const parse = (i: { configText: string; knownHostsText: string; local: boolean }) => {
    if (!i.local) return previewSshImport({ configText: i.configText, knownHostsText: i.knownHostsText });
    // serve may run on a machine whose ~/.ssh the browser user should not see: only the desktop app reads it.
    if (core.info().host === 'serve') {
      throw new AppError('FORBIDDEN', 'In the browser, pick the ssh config and known_hosts files to read.', 'Pick both files with the file chooser.');
    }
    return readLocalSshImport();
  };

  return {
    'sshConfig.plan': ({ target, ...texts }) => {
      const { draft, details, knownKeys } = parse(texts);
      return { draft, details, knownKeys, plan: merge.planMerge(draft, target) };
    },

    'sshConfig.apply': ({ target, selectedKeys, ...texts }) => {
      const { draft, details, knownKeys } = parse(texts);
      const plan = merge.planMerge(draft, target);
      const picked = new Set(selectedKeys);
      const pickedHosts = draft.hosts.filter((h) => picked.has(`host:${h.key}`));
      const work = plan.items.some((i) => picked.has(i.key) && i.action !== 'unchanged' && i.entity !== 'environment');
      // Hosts already imported as written need no merge; their keys and jump hosts still apply.
      const summary = work || !plan.projectId || !plan.environmentId ? merge.applyMerge(draft, plan, selectedKeys, target) : null;
      const projectId = summary?.projectId ?? plan.projectId!;
      const environmentId = summary?.environmentId ?? plan.environmentId!;

      // The draft key → host id, as the merge now resolves them in the target environment.
      const resolved: ImportTarget = { projectId, environmentId };
      const after = merge.planMerge(draft, resolved);
      const idOf = new Map<string, string>();
      for (const item of after.items) {
        if (item.entity === 'host' && item.existingId) idOf.set(item.key.slice('host:'.length), item.existingId);
      }

      const out: SshConfigApplyOutput = { merge: summary, projectId, environmentId, jumpHostsLinked: 0, trustedKeys: [], keyProblems: [] };
      for (const h of pickedHosts) {
        const id = idOf.get(h.key);
        if (!id) continue;
        const detail = details.find((d) => d.hostKey === h.key);
        const current = core.inventory.tree().hosts.find((x) => x.id === id);
        if (!current) continue;
        const jumpId = detail?.jumpHostKey ? idOf.get(detail.jumpHostKey) : undefined;
        const note = identityNote(detail);
        const patch: { id: string; jumpHostId?: string; notes?: string } = { id };
        if (jumpId && current.jumpHostId !== jumpId) patch.jumpHostId = jumpId;
        if (note && !current.notes.includes(note)) patch.notes = current.notes ? `${current.notes}\n${note}` : note;
        if (patch.jumpHostId || patch.notes) core.inventory.updateHost(patch);
        if (patch.jumpHostId) out.jumpHostsLinked++;

        const key = keyForHost(knownKeys, h.key);
        if (!key) continue;
        const trusted = core.ssh.knownKey(id);
        if (trusted?.fingerprint === key.fingerprint) {
          out.trustedKeys.push({ hostId: id, hostName: h.name, algorithm: trusted.algorithm, fingerprint: trusted.fingerprint });
          continue;
        }
        if (trusted) {
          // A key the user trusted before is not replaced by a file: that is what a changed key looks like.
          out.keyProblems.push({ hostName: h.name, reason: `${trusted.fingerprint} is already trusted; known_hosts has ${key.fingerprint}. Forget the key on the host first to use the one from known_hosts.` });
          continue;
        }
        try {
          const info = core.ssh.importKnownKey(id, key.publicKey);
          out.trustedKeys.push({ hostId: id, hostName: h.name, algorithm: info.algorithm, fingerprint: info.fingerprint });
        } catch (e) {
          out.keyProblems.push({ hostName: h.name, reason: e instanceof Error ? e.message : String(e) });
        }
      }
      return out;
    },
  };
}
