import nodemailer from 'nodemailer';
import { scrub } from '../checks/check-context';
import type { SinkSender } from './sink-types';
import { plainText } from './sink-types';

/** Email over SMTP (nodemailer): STARTTLS when offered unless `secure` (TLS from the start). */
export const sendSmtp: SinkSender = async (target, n, timeoutMs) => {
  if (target.settings.type !== 'smtp') return { ok: false, message: 'Not an email sink.' };
  const s = target.settings;
  const where = `${s.host}:${s.port}`;
  const transport = nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.secure,
    auth: s.user ? { user: s.user, pass: target.secret ?? '' } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    name: 'opsdeck.local',
  });
  try {
    const info = await transport.sendMail({ from: s.from, to: s.to, subject: `[Opsdeck] ${n.title}`, text: plainText(n) });
    const accepted = (info.accepted ?? []).length;
    return { ok: true, message: `The mail server at ${where} accepted the email for ${accepted} recipient${accepted === 1 ? '' : 's'}.` };
  } catch (err) {
    const e = err as Error & { code?: string; responseCode?: number; response?: string };
    let why: string;
    if (e.code === 'EAUTH') why = `it refused the login of ${s.user}: check the user and password`;
    else if (e.code === 'ECONNECTION' || e.code === 'ESOCKET') why = `no connection (${e.message})`;
    else if (e.code === 'ETIMEDOUT') why = `no answer within ${timeoutMs} ms`;
    else if (e.code === 'EENVELOPE') why = `it refused a sender or recipient (${e.response ?? e.message})`;
    else why = e.response ?? e.message;
    return { ok: false, message: scrub(`The mail server at ${where} did not take the email: ${why}.`, target.secret) };
  } finally {
    transport.close();
  }
};
