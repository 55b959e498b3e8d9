import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertNotification } from '../../../../src-main/contract';
import { EventBus } from '../../../../src-main/core/event-bus';
import { createSinkService, type SinkService } from '../../../../src-main/core/health/sinks/sink-service';
import { Vault } from '../../../../src-main/core/secrets/vault';
import { openStore, type Store } from '../../../../src-main/core/store/open-store';
import { tempDir } from '../helpers';

/**
 * Alert sinks against real local servers: an HTTP server standing in for a webhook receiver and
 * for Slack, and a minimal SMTP server (EHLO, AUTH PLAIN, MAIL, RCPT, DATA, QUIT) written here.
 */
let store: Store;
let sinks: SinkService;
let logs: string[];
const closers: (() => void)[] = [];

beforeEach(() => {
  store = openStore({ dataDir: tempDir() });
  const bus = new EventBus();
  const vault = new Vault({ db: store.db, bus, envKey: randomBytes(32).toString('hex') });
  vault.autoUnlock();
  logs = [];
  const log = (m: string, d?: Record<string, unknown>) => logs.push(`${m} ${JSON.stringify(d ?? {})}`);
  sinks = createSinkService({ db: store.db, vault, log: { info: log, warn: log }, now: () => 1_767_600_000_000 });
});
afterEach(() => {
  closers.splice(0).forEach((c) => c());
  store.close();
});

interface Received {
  path: string;
  body: unknown;
  headers: IncomingMessage['headers'];
}

async function httpReceiver(answer: (path: string) => [number, string]): Promise<{ base: string; received: Received[] }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(body), headers: req.headers });
      const [status, text] = answer(req.url ?? '');
      res.writeHead(status, { 'content-type': 'text/plain' }).end(text);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => server.close());
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

const notification: AlertNotification = { id: 'ntf_1', kind: 'down', checkId: 'chk_1', serviceId: null, title: 'DOWN: api', body: 'Connection refused by 10.0.0.5:3000: nothing listens there.', at: 1_767_600_000_000 };

function secretsLeak(secret: string): string[] {
  const rows = store.db.prepare('SELECT * FROM alert_sinks').all();
  const places = [JSON.stringify(rows), JSON.stringify(sinks.list()), logs.join('\n')];
  return places.filter((p) => p.includes(secret));
}

describe('webhook', () => {
  it('POSTs the notification as JSON; the URL lives only in the vault', async () => {
    const { base, received } = await httpReceiver(() => [204, '']);
    const url = `${base}/hooks/${randomBytes(12).toString('hex')}`;
    const sink = sinks.create({ name: 'Ops hook', enabled: true, settings: { type: 'webhook' }, secret: { action: 'set', value: url } });
    expect(sink).toMatchObject({ hint: new URL(base).host, secret: { isSet: true } });
    const results = await sinks.dispatch(notification);
    expect(results).toEqual([{ sink: 'Ops hook', result: { ok: true, message: `${new URL(base).host} accepted the notification (204).` } }]);
    expect(received).toHaveLength(1);
    expect(received[0].path).toBe(new URL(url).pathname);
    expect(received[0].headers['content-type']).toBe('application/json; charset=utf-8');
    expect(received[0].body).toEqual({ source: 'opsdeck', id: 'ntf_1', kind: 'down', title: 'DOWN: api', body: notification.body, checkId: 'chk_1', serviceId: null, at: notification.at });
    expect(secretsLeak(url)).toEqual([]);
  });

  it('says what a refusal means and never shows the URL', async () => {
    const { base } = await httpReceiver(() => [404, 'not here']);
    const url = `${base}/hooks/secret-token-${randomBytes(6).toString('hex')}`;
    const sink = sinks.create({ name: 'Gone hook', enabled: true, settings: { type: 'webhook' }, secret: { action: 'set', value: url } });
    const r = await sinks.test(sink.id);
    expect(r).toEqual({ ok: false, message: `${new URL(base).host} answered 404: the URL is wrong or the endpoint was removed.` });
    const closedPort = await freePort();
    sinks.update({ id: sink.id, secret: { action: 'set', value: `http://127.0.0.1:${closedPort}/hooks/secret-token-x` } });
    const refused = await sinks.test(sink.id);
    expect(refused).toEqual({ ok: false, message: `Could not reach 127.0.0.1:${closedPort}: the connection was refused.` });
    expect(JSON.stringify(refused) + logs.join('')).not.toContain('secret-token');
  });

  it('disabled sinks receive nothing on dispatch; a test still goes out', async () => {
    const { base, received } = await httpReceiver(() => [200, 'ok']);
    const sink = sinks.create({ name: 'Quiet', enabled: false, settings: { type: 'webhook' }, secret: { action: 'set', value: `${base}/x` } });
    expect(await sinks.dispatch(notification)).toEqual([]);
    expect(received).toHaveLength(0);
    expect((await sinks.test(sink.id)).ok).toBe(true);
    expect(received.map((r) => (r.body as { kind: string }).kind)).toEqual(['test']);
  });

  it('refuses a URL that is not http(s) without echoing it', () => {
    expect(() => sinks.create({ name: 'Bad', enabled: true, settings: { type: 'webhook' }, secret: { action: 'set', value: 'ftp://user:pw@example.com/x' } })).toThrow(
      'The Webhook URL is not a valid http(s) URL.',
    );
  });
});

describe('Slack', () => {
  it('sends text and blocks; a 200 "ok" is success', async () => {
    const { base, received } = await httpReceiver(() => [200, 'ok']);
    const sink = sinks.create({ name: '#ops', enabled: true, settings: { type: 'slack' }, secret: { action: 'set', value: `${base}/services/T000/B000/XXXX` } });
    expect(await sinks.test(sink.id)).toEqual({ ok: true, message: 'Slack accepted the message.' });
    const body = received[0].body as { text: string; blocks: { type: string; text?: { type: string; text: string } }[] };
    expect(body.text).toBe('Test alert from Opsdeck: If you read this, alerts sent to "#ops" arrive.');
    expect(body.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: ':bell: *Test alert from Opsdeck*\nIf you read this, alerts sent to "#ops" arrive.' } });
    expect(body.blocks[1].type).toBe('context');
  });

  it('explains Slack\'s refusals: 404 no_service, 403 invalid_token, 410 channel_is_archived', async () => {
    const answers: Record<string, [number, string]> = { '/a': [404, 'no_service'], '/b': [403, 'invalid_token'], '/c': [410, 'channel_is_archived'] };
    const { base } = await httpReceiver((p) => answers[p]);
    const sink = sinks.create({ name: 'Slack', enabled: true, settings: { type: 'slack' }, secret: { action: 'set', value: `${base}/a` } });
    expect(await sinks.test(sink.id)).toEqual({ ok: false, message: 'Slack answered 404: the webhook URL is wrong or was revoked.' });
    sinks.update({ id: sink.id, secret: { action: 'set', value: `${base}/b` } });
    expect(await sinks.test(sink.id)).toEqual({ ok: false, message: 'Slack answered 403: the webhook was disabled or its token is invalid.' });
    sinks.update({ id: sink.id, secret: { action: 'set', value: `${base}/c` } });
    expect(await sinks.test(sink.id)).toEqual({ ok: false, message: 'Slack answered 410: the channel was archived.' });
  });

  it('escapes &, < and > in the mrkdwn text', async () => {
    const { base, received } = await httpReceiver(() => [200, 'ok']);
    sinks.create({ name: 'S', enabled: true, settings: { type: 'slack' }, secret: { action: 'set', value: `${base}/x` } });
    await sinks.dispatch({ ...notification, body: 'a <b> & c' });
    const body = received[0].body as { blocks: { text: { text: string } }[] };
    expect(body.blocks[0].text.text).toBe(':red_circle: *DOWN: api*\na &lt;b&gt; &amp; c');
  });
});

describe('email over SMTP', () => {
  it('delivers through a real SMTP conversation with AUTH PLAIN; the password stays in the vault', async () => {
    const smtp = await smtpServer({ user: 'alerts', pass: 'smtp-pass-Z9' });
    const sink = sinks.create({
      name: 'Ops mail',
      enabled: true,
      settings: { type: 'smtp', host: '127.0.0.1', port: smtp.port, secure: false, user: 'alerts', from: 'opsdeck@example.com', to: ['oncall@example.com', 'lead@example.com'] },
      secret: { action: 'set', value: 'smtp-pass-Z9' },
    });
    expect(sink.hint).toBe(`127.0.0.1:${smtp.port} → oncall@example.com, lead@example.com`);
    const [r] = await sinks.dispatch(notification);
    expect(r.result).toEqual({ ok: true, message: `The mail server at 127.0.0.1:${smtp.port} accepted the email for 2 recipients.` });
    expect(smtp.mails).toHaveLength(1);
    const m = smtp.mails[0];
    expect(m.auth).toBe('alerts');
    expect(m.from).toBe('opsdeck@example.com');
    expect(m.to).toEqual(['oncall@example.com', 'lead@example.com']);
    expect(m.data).toMatch(/^Subject: \[Opsdeck\] DOWN: api$/m);
    expect(m.data).toContain('Connection refused by 10.0.0.5:3000: nothing listens there.');
    expect(secretsLeak('smtp-pass-Z9')).toEqual([]);
  });

  it('a wrong password is refused with a message naming the user, not the password', async () => {
    const smtp = await smtpServer({ user: 'alerts', pass: 'right-pass' });
    const sink = sinks.create({
      name: 'Mail',
      enabled: true,
      settings: { type: 'smtp', host: '127.0.0.1', port: smtp.port, secure: false, user: 'alerts', from: 'a@example.com', to: ['b@example.com'] },
      secret: { action: 'set', value: 'wrong-pass-Q7' },
    });
    const r = await sinks.test(sink.id);
    expect(r).toEqual({ ok: false, message: `The mail server at 127.0.0.1:${smtp.port} did not take the email: it refused the login of alerts: check the user and password.` });
    expect(smtp.mails).toHaveLength(0);
    expect(JSON.stringify(r) + logs.join('')).not.toContain('wrong-pass-Q7');
  });
});

describe('sink rows', () => {
  it('deleting a sink deletes its secret', async () => {
    const sink = sinks.create({ name: 'Tmp', enabled: true, settings: { type: 'webhook' }, secret: { action: 'set', value: 'https://hooks.example.com/x' } });
    expect(store.db.prepare("SELECT COUNT(*) AS n FROM secrets WHERE owner_type = 'alert-sink'").get()).toEqual({ n: 1 });
    sinks.remove(sink.id);
    expect(store.db.prepare("SELECT COUNT(*) AS n FROM secrets WHERE owner_type = 'alert-sink'").get()).toEqual({ n: 0 });
    expect(sinks.list()).toEqual([]);
  });

  it('names are unique, case-insensitively', () => {
    sinks.create({ name: 'Ops', enabled: true, settings: { type: 'webhook' }, secret: { action: 'set', value: 'https://a.example.com/x' } });
    expect(() => sinks.create({ name: 'ops', enabled: true, settings: { type: 'webhook' }, secret: { action: 'set', value: 'https://b.example.com/x' } })).toThrow('already exists');
  });
});

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

interface Mail {
  auth: string | null;
  from: string;
  to: string[];
  data: string;
}

/** Just enough SMTP (RFC 5321) for a client: EHLO/HELO, AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT. */
async function smtpServer(account: { user: string; pass: string }): Promise<{ port: number; mails: Mail[] }> {
  const mails: Mail[] = [];
  const server = net.createServer((sock) => {
    let buf = '';
    let inData = false;
    let auth: string | null = null;
    let mail: Mail = { auth: null, from: '', to: [], data: '' };
    const say = (line: string) => sock.write(`${line}\r\n`);
    const checkPlain = (b64: string) => {
      const [, user, pass] = Buffer.from(b64, 'base64').toString('utf8').split('\0');
      if (user === account.user && pass === account.pass) {
        auth = user;
        say('235 2.7.0 Authentication successful');
      } else say('535 5.7.8 Authentication credentials invalid');
    };
    let awaitingPlain = false;
    say('220 test.local ESMTP ready');
    sock.on('data', (d: Buffer) => {
      buf += d.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buf.indexOf('\r\n.\r\n');
          if (end < 0) return;
          mail.data = buf.slice(0, end).replace(/^\.\./gm, '.');
          buf = buf.slice(end + 5);
          inData = false;
          mails.push({ ...mail, auth });
          mail = { auth: null, from: '', to: [], data: '' };
          say('250 2.0.0 queued');
          continue;
        }
        const nl = buf.indexOf('\r\n');
        if (nl < 0) return;
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        const verb = line.split(' ')[0].toUpperCase();
        if (awaitingPlain) {
          awaitingPlain = false;
          checkPlain(line);
        } else if (verb === 'EHLO') {
          say('250-test.local');
          say('250-AUTH PLAIN');
          say('250 8BITMIME');
        } else if (verb === 'HELO') say('250 test.local');
        else if (verb === 'AUTH') {
          const [, mech, initial] = line.split(' ');
          if (mech.toUpperCase() !== 'PLAIN') say('504 5.5.4 Unrecognized authentication type');
          else if (initial) checkPlain(initial);
          else {
            awaitingPlain = true;
            say('334 ');
          }
        } else if (verb === 'MAIL') {
          if (!auth) say('530 5.7.0 Authentication required');
          else {
            mail.from = /<([^>]*)>/.exec(line)?.[1] ?? '';
            say('250 2.1.0 OK');
          }
        } else if (verb === 'RCPT') {
          mail.to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
          say('250 2.1.5 OK');
        } else if (verb === 'DATA') {
          inData = true;
          say('354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'RSET') {
          mail = { auth: null, from: '', to: [], data: '' };
          say('250 OK');
        } else if (verb === 'NOOP') say('250 OK');
        else if (verb === 'QUIT') {
          say('221 Bye');
          sock.end();
          return;
        } else say('502 5.5.2 Command not recognized');
      }
    });
    sock.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => server.close());
  return { port: (server.address() as AddressInfo).port, mails };
}
