import type { AlertNotification } from '../../../contract';
import { postJson } from './http-post';
import type { SinkSender } from './sink-types';
import { urlHint } from './sink-types';

const ICON: Record<AlertNotification['kind'], string> = { down: ':red_circle:', repeat: ':red_circle:', recovery: ':large_green_circle:', test: ':bell:' };

/** Slack's text format: &, < and > are the three characters it wants escaped. */
function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The incoming-webhook payload: `text` (notifications, fallback) and one section block. */
export function slackPayload(n: AlertNotification): object {
  const text = `${ICON[n.kind]} *${esc(n.title)}*\n${esc(n.body)}`;
  return {
    text: `${n.title}: ${n.body}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `Opsdeck · <!date^${Math.floor(n.at / 1000)}^{date_short_pretty} {time}|${new Date(n.at).toISOString()}>` }] },
    ],
  };
}

/** What Slack's answers mean (it answers with a status and a short error word). */
function explain(status: number, body: string): string {
  const word = body.trim().slice(0, 80);
  if (status === 404 || word === 'no_service') return 'the webhook URL is wrong or was revoked';
  if (status === 403 || word === 'invalid_token') return 'the webhook was disabled or its token is invalid';
  if (status === 410 || word === 'channel_is_archived') return 'the channel was archived';
  if (status === 400) return `Slack did not accept the message (${word || 'invalid payload'})`;
  if (status === 429) return 'Slack is rate limiting this webhook; it will work again shortly';
  return word ? `"${word}"` : 'unexpected answer';
}

/** Slack incoming webhook. */
export const sendSlack: SinkSender = async (target, n, timeoutMs) => {
  if (!target.secret) return { ok: false, message: 'This Slack sink has no webhook URL: set it in the alert settings.' };
  try {
    const r = await postJson(target.secret, slackPayload(n), timeoutMs);
    if (r.status === 200) return { ok: true, message: 'Slack accepted the message.' };
    return { ok: false, message: `Slack answered ${r.status}: ${explain(r.status, r.body)}.` };
  } catch (err) {
    return { ok: false, message: `Could not reach Slack (${urlHint(target.secret)}): ${(err as Error).message}.` };
  }
};
