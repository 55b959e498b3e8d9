import type { SinkSender } from './sink-types';
import { urlHint } from './sink-types';
import { postJson } from './http-post';

/**
 * Generic webhook: POSTs the notification as JSON
 * `{ id, kind, title, body, checkId, serviceId, at, source: "opsdeck" }`; any 2xx is success.
 */
export const sendWebhook: SinkSender = async (target, n, timeoutMs) => {
  if (!target.secret) return { ok: false, message: 'This webhook has no URL: set it in the alert settings.' };
  const host = urlHint(target.secret);
  try {
    const r = await postJson(target.secret, { source: 'opsdeck', id: n.id, kind: n.kind, title: n.title, body: n.body, checkId: n.checkId, serviceId: n.serviceId, at: n.at }, timeoutMs);
    if (r.status >= 200 && r.status < 300) return { ok: true, message: `${host} accepted the notification (${r.status}).` };
    const why = r.status === 404 ? ': the URL is wrong or the endpoint was removed' : r.status === 401 || r.status === 403 ? ': the endpoint refused it (check the URL\'s token)' : '';
    return { ok: false, message: `${host} answered ${r.status}${why}.` };
  } catch (err) {
    return { ok: false, message: `Could not reach ${host}: ${(err as Error).message}.` };
  }
};
