import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { AlertNotification, AlertSink, AlertSinkCreate, AlertSinkUpdate, SinkSettings, SinkType } from '../../../contract';
import { AppError } from '../../../contract/errors';
import type { SecretRef, SecretStore } from '../../ports';
import type { Logger } from '../../log';
import { newId } from '../../store/ids';
import { sendSlack } from './slack-sink';
import { sendSmtp } from './smtp-sink';
import type { SinkDelivery, SinkSender } from './sink-types';
import { urlHint } from './sink-types';
import { sendWebhook } from './webhook-sink';

type CreateInput = z.output<typeof AlertSinkCreate>;
type UpdateInput = z.output<typeof AlertSinkUpdate>;

interface SinkRow {
  id: string;
  name: string;
  enabled: number;
  type: SinkType;
  settings: string;
  hint: string;
}

/** A sink's secret in the vault: the webhook/Slack URL or the SMTP password. */
export const sinkSecretRef = (id: string): SecretRef => ({ ownerType: 'alert-sink', ownerId: id, field: 'secret' });

const SENDERS: Record<SinkType, SinkSender> = { webhook: sendWebhook, slack: sendSlack, smtp: sendSmtp };
const LABEL: Record<SinkType, string> = { webhook: 'Webhook', slack: 'Slack', smtp: 'Email' };
/** Time a sink gets to answer. */
export const SINK_TIMEOUT_MS = 10_000;

export interface SinkServiceDeps {
  db: Database.Database;
  vault: SecretStore;
  log: Pick<Logger, 'info' | 'warn'>;
  now(): number;
}

/**
 * Where alerts go: CRUD of sinks (settings in SQLite, the secret in the vault), delivery of a
 * notification to every enabled sink, and the test message. Delivery failures are logged by
 * sink name and host, never by URL.
 */
export function createSinkService(deps: SinkServiceDeps) {
  const { db, vault } = deps;
  const q = {
    list: db.prepare<[], SinkRow>('SELECT * FROM alert_sinks ORDER BY name COLLATE NOCASE, id'),
    get: db.prepare<[string], SinkRow>('SELECT * FROM alert_sinks WHERE id = ?'),
    byName: db.prepare<[string, string], { id: string }>('SELECT id FROM alert_sinks WHERE name = ? COLLATE NOCASE AND id <> ?'),
    insert: db.prepare(
      'INSERT INTO alert_sinks (id, name, enabled, type, settings, hint, created_at, updated_at) VALUES (@id, @name, @enabled, @type, @settings, @hint, @now, @now)',
    ),
    update: db.prepare('UPDATE alert_sinks SET name = @name, enabled = @enabled, type = @type, settings = @settings, hint = @hint, updated_at = @now WHERE id = @id'),
    remove: db.prepare<[string]>('DELETE FROM alert_sinks WHERE id = ?'),
  };

  const toSink = (r: SinkRow): AlertSink => ({
    id: r.id,
    name: r.name,
    enabled: !!r.enabled,
    settings: JSON.parse(r.settings) as SinkSettings,
    secret: vault.state(sinkSecretRef(r.id)),
    hint: r.hint,
  });

  const hintOf = (settings: SinkSettings, secret: string | null, previous: string): string => {
    if (settings.type === 'smtp') return `${settings.host}:${settings.port} → ${settings.to.join(', ')}`;
    return secret ? urlHint(secret) : previous;
  };

  const checkSecret = (settings: SinkSettings, value: string): void => {
    if (settings.type === 'smtp') return;
    let ok = false;
    try {
      ok = /^https?:$/.test(new URL(value).protocol);
    } catch {
      ok = false;
    }
    if (!ok) throw new AppError('VALIDATION', `The ${LABEL[settings.type]} URL is not a valid http(s) URL.`, settings.type === 'slack' ? 'Paste the whole URL Slack gave you (https://hooks.slack.com/services/…).' : 'Paste the whole URL, starting with https://.');
  };

  const row = (id: string): SinkRow => {
    const r = q.get.get(id);
    if (!r) throw new AppError('NOT_FOUND', 'That alert destination no longer exists.', 'Reload the alert settings.');
    return r;
  };

  const uniqueName = (name: string, id: string) => {
    if (q.byName.get(name, id)) throw new AppError('CONFLICT', `An alert destination named "${name}" already exists.`, 'Choose another name.');
  };

  const deliver = async (r: SinkRow, n: AlertNotification): Promise<SinkDelivery> => {
    const settings = JSON.parse(r.settings) as SinkSettings;
    let secret: string | null;
    try {
      secret = vault.reveal(sinkSecretRef(r.id));
    } catch (err) {
      if (err instanceof AppError && err.code === 'VAULT_LOCKED') return { ok: false, message: 'The vault is locked, so the destination\'s secret cannot be read. Unlock Opsdeck.' };
      throw err;
    }
    return SENDERS[settings.type]({ name: r.name, settings, secret }, n, SINK_TIMEOUT_MS);
  };

  return {
    list: (): AlertSink[] => q.list.all().map(toSink),

    create(input: CreateInput): AlertSink {
      uniqueName(input.name, '');
      const id = newId('snk');
      if (input.secret.action === 'set') checkSecret(input.settings, input.secret.value);
      const secret = input.secret.action === 'set' ? input.secret.value : null;
      db.transaction(() => {
        q.insert.run({ id, name: input.name, enabled: input.enabled ? 1 : 0, type: input.settings.type, settings: JSON.stringify(input.settings), hint: hintOf(input.settings, secret, ''), now: new Date().toISOString() });
        if (secret !== null) vault.set(sinkSecretRef(id), secret);
      })();
      return toSink(row(id));
    },

    update(input: UpdateInput): AlertSink {
      const current = row(input.id);
      const name = input.name ?? current.name;
      uniqueName(name, input.id);
      const settings = input.settings ?? (JSON.parse(current.settings) as SinkSettings);
      if (input.secret.action === 'set') checkSecret(settings, input.secret.value);
      const typeChanged = settings.type !== current.type;
      if (typeChanged && settings.type !== 'smtp' && input.secret.action !== 'set') {
        throw new AppError('VALIDATION', `A ${LABEL[settings.type]} destination needs its URL.`, 'Set the URL when changing the kind of destination.');
      }
      const secret = input.secret.action === 'set' ? input.secret.value : null;
      const hint = input.secret.action === 'delete' ? (settings.type === 'smtp' ? hintOf(settings, null, '') : '') : hintOf(settings, secret, typeChanged ? '' : current.hint);
      db.transaction(() => {
        q.update.run({ id: input.id, name, enabled: (input.enabled ?? !!current.enabled) ? 1 : 0, type: settings.type, settings: JSON.stringify(settings), hint, now: new Date().toISOString() });
        if (secret !== null) vault.set(sinkSecretRef(input.id), secret);
        else if (input.secret.action === 'delete') vault.delete(sinkSecretRef(input.id));
      })();
      return toSink(row(input.id));
    },

    remove(id: string): void {
      row(id);
      db.transaction(() => {
        vault.deleteOwner('alert-sink', id);
        q.remove.run(id);
      })();
    },

    /** Sends a test notification through one sink, whether enabled or not. */
    async test(id: string): Promise<SinkDelivery> {
      const r = row(id);
      const n: AlertNotification = {
        id: newId('ntf'),
        kind: 'test',
        checkId: null,
        serviceId: null,
        title: 'Test alert from Opsdeck',
        body: `If you read this, alerts sent to "${r.name}" arrive.`,
        at: deps.now(),
      };
      const result = await deliver(r, n);
      deps.log.info('Alert destination tested', { sink: r.name, type: r.type, where: r.hint, ok: result.ok });
      return result;
    },

    /** Sends one notification to every enabled sink; resolves when all have answered (never rejects). */
    async dispatch(n: AlertNotification): Promise<{ sink: string; result: SinkDelivery }[]> {
      const rows = q.list.all().filter((r) => r.enabled);
      return Promise.all(
        rows.map(async (r) => {
          let result: SinkDelivery;
          try {
            result = await deliver(r, n);
          } catch (err) {
            result = { ok: false, message: (err as Error).message };
          }
          if (!result.ok) deps.log.warn('An alert could not be delivered', { sink: r.name, type: r.type, where: r.hint, kind: n.kind, reason: result.message });
          return { sink: r.name, result };
        }),
      );
    },
  };
}
export type SinkService = ReturnType<typeof createSinkService>;
