import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileLogFormat, createLineParser, F, unwrapLogFormat } from '../../../../src-main/core/logs/parse';
import { TIMED_FORMAT } from '../../../../bench/lib/nginx-loggen';

const FLEET_FORMAT =
  "log_format timed '$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\" \"$http_user_agent\" $request_time $upstream_response_time';";

/** Every log_format directive of the nginx configs in the corpus (as pasted by a user). */
function corpusFormats(): { file: string; directive: string }[] {
  const dir = join(__dirname, '../../../fixtures/corpus/nginx');
  const out: { file: string; directive: string }[] = [];
  for (const f of readdirSync(dir)) {
    const text = readFileSync(join(dir, f), 'utf8');
    for (const m of text.matchAll(/log_format\s+\S+\s+(?:escape=\S+\s+)?(?:'[^']*'|"[^"]*"|\s)+;/g)) out.push({ file: f, directive: m[0] });
  }
  return out;
}

/** Sample values nginx would write for each variable (anything unknown gets a word). */
const SAMPLE: Record<string, string> = {
  remote_addr: '203.0.113.7',
  remote_user: '-',
  time_local: '01/May/2024:10:00:05 +0200',
  time_iso8601: '2024-05-01T10:00:05+02:00',
  msec: '1714550405.250',
  request: 'GET /shop/cart?item=3 HTTP/1.1',
  request_method: 'GET',
  request_uri: '/shop/cart?item=3',
  uri: '/shop/cart',
  status: '503',
  body_bytes_sent: '1234',
  bytes_sent: '1500',
  http_referer: 'https://example.com/a b',
  http_user_agent: 'Mozilla/5.0 (X11; Linux x86_64) \\x22quoted\\x22',
  request_time: '0.250',
  upstream_response_time: '0.100, 0.120',
  http_x_forwarded_for: '198.51.100.1, 10.0.0.1',
  upstream_addr: '10.0.0.5:8080',
  host: 'example.com',
  server_name: 'example.com',
};

/** A line in `body`'s format, written the way nginx writes it. */
function lineFor(body: string): string {
  return body.replace(/\$\{?([A-Za-z0-9_]+)\}?/g, (_, name: string) => SAMPLE[name] ?? `v-${name}`);
}

describe('log_format compiler', () => {
  it('unwraps a pasted directive with quoted pieces and escape=', () => {
    expect(unwrapLogFormat(`log_format main escape=json '$remote_addr '\n   '"$request"';`)).toBe('$remote_addr "$request"');
    expect(unwrapLogFormat('$status $body_bytes_sent')).toBe('$status $body_bytes_sent');
    expect(unwrapLogFormat('"$request" $status')).toBe('"$request" $status');
    expect(unwrapLogFormat(`log_format tsv '$remote_addr\\t$status\\t\\"$request\\"';`)).toBe('$remote_addr\t$status\t"$request"');
    expect(unwrapLogFormat(`'$remote_addr "$request"'`)).toBe('$remote_addr "$request"');
    expect(compileLogFormat().body).toContain('$http_user_agent');
  });

  it('compiles the fleet format and reads every field of a line', () => {
    const f = compileLogFormat(FLEET_FORMAT);
    expect(f.has.has(F.REQUEST_TIME)).toBe(true);
    expect(f.has.has(F.UPSTREAM_TIME)).toBe(true);
    const parse = createLineParser({ kind: 'nginx-access', logFormat: FLEET_FORMAT });
    const r = parse('127.0.0.1 - - [23/Nov/2026:13:00:01 +0000] "GET /api/leads?x=1 HTTP/1.1" 200 512 "-" "curl/8.5.0" 0.012 0.010, 0.002');
    expect(r).toEqual({ ts: Date.UTC(2026, 10, 23, 13, 0, 1), level: 'info', status: 200, path: '/api/leads', latencyMs: 12 });
    const noReqTime = parse('127.0.0.1 - - [23/Nov/2026:13:00:01 +0000] "GET / HTTP/1.1" 502 0 "-" "curl" - 0.100, 0.250');
    expect(noReqTime.latencyMs).toBeCloseTo(350, 6);
    expect(noReqTime.level).toBe('error');
  });

  const formats = corpusFormats();
  it('finds the log formats of the corpus', () => {
    expect(formats.length).toBeGreaterThanOrEqual(5);
  });
  for (const { file, directive } of formats) {
    it(`reads lines of ${file}: ${directive.slice(0, 60).replace(/\s+/g, ' ')}…`, () => {
      const compiled = compileLogFormat(directive);
      const line = lineFor(compiled.body);
      const r = createLineParser({ kind: 'nginx-access', logFormat: directive })(line);
      if (compiled.has.has(F.STATUS)) expect(r.status).toBe(503);
      if (compiled.has.has(F.TIME_LOCAL)) expect(r.ts).toBe(Date.UTC(2024, 4, 1, 8, 0, 5));
      if (compiled.has.has(F.REQUEST) || compiled.has.has(F.REQUEST_URI)) expect(r.path).toBe('/shop/cart');
      if (compiled.has.has(F.REQUEST_TIME)) expect(r.latencyMs).toBe(250);
    });
  }

  it('reads $time_iso8601, $msec, $request_method + $request_uri, $bytes_sent and ${var}', () => {
    const body = '${remote_addr} [$time_iso8601] $request_method $request_uri $status $bytes_sent $msec rt=$request_time ua="$http_user_agent"';
    const parse = createLineParser({ kind: 'nginx-access', logFormat: body });
    const r = parse(lineFor(body));
    expect(r).toEqual({ ts: Date.UTC(2024, 4, 1, 8, 0, 5), level: 'error', status: 503, path: '/shop/cart', latencyMs: 250 });
    const msecOnly = createLineParser({ kind: 'nginx-access', logFormat: '$msec $status "$request"' });
    expect(msecOnly('1714550405.250 200 "GET /x HTTP/2.0"').ts).toBe(1714550405250);
  });

  it('reads the benchmark format and combined, and combined lines with extra fields', () => {
    const line = '10.0.0.1 - - [01/Nov/2026:00:00:00 +0000] "GET /a%20b?q=1 HTTP/1.1" 404 0 "-" "Mozilla/5.0 (compatible)" 0.001 -';
    expect(createLineParser({ kind: 'nginx-access', logFormat: TIMED_FORMAT })(line)).toMatchObject({ status: 404, path: '/a b', latencyMs: 1, level: 'warn' });
    expect(createLineParser({ kind: 'nginx-access' })(line)).toMatchObject({ status: 404, path: '/a b', latencyMs: null });
  });
});

describe('hostile access lines never throw', () => {
  const parse = createLineParser({ kind: 'nginx-access', logFormat: FLEET_FORMAT });
  const combined = createLineParser({ kind: 'nginx-access' });
  const cases: [string, string][] = [
    ['empty', ''],
    ['garbage', 'hello world'],
    ['invalid UTF-8 (decoded)', Buffer.from([0x31, 0x20, 0xff, 0xfe, 0x22, 0xc3]).toString('utf8')],
    ['TLS handshake as request', '1.2.3.4 - - [01/May/2024:10:00:00 +0000] "\\x16\\x03\\x01\\x02\\x00\\x01" 400 157 "-" "-" 0.000 -'],
    ['quotes inside the user agent', '1.2.3.4 - - [01/May/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "Mozilla "evil" agent" 0.001 -'],
    ['bad date', '1.2.3.4 - - [99/Foo/2024:77:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "x" 0.001 -'],
    ['truncated', '1.2.3.4 - - [01/May/2024:10:00:00 +0000] "GET / HTT'],
    ['lone surrogates', '\ud800\udfff\ud800 "GET / HTTP/1.1" 200'],
    ['status not a number', '1.2.3.4 - - [01/May/2024:10:00:00 +0000] "GET / HTTP/1.1" abc 5 "-" "x" 0.001 -'],
    ['1 MB line', `1.2.3.4 - - [01/May/2024:10:00:00 +0000] "GET /${'a'.repeat(1024 * 1024)} HTTP/1.1" 200 5 "-" "x" 0.001 -`],
    ['8 MB line', `1.2.3.4 - - [01/May/2024:10:00:00 +0000] "GET /${'é'.repeat(4 * 1024 * 1024)} HTTP/1.1" 200 5 "-" "x" 0.001 -`],
  ];
  for (const [name, line] of cases) {
    it(name, () => {
      const a = parse(line);
      const b = combined(line);
      for (const r of [a, b]) expect(Object.keys(r).sort()).toEqual(['latencyMs', 'level', 'path', 'status', 'ts']);
    });
  }

  it('keeps the fields of a quoted user agent and of a 1 MB path', () => {
    expect(parse(cases[4][1])).toMatchObject({ status: 200, path: '/', latencyMs: 1 });
    expect(parse(cases[9][1]).path).toHaveLength(1024 * 1024 + 1);
    expect(parse(cases[5][1]).ts).toBeNull();
    expect(parse(cases[8][1]).status).toBeNull();
  });

  it('survives non-string input', () => {
    expect(parse(undefined as unknown as string)).toEqual({ ts: null, level: null, status: null, path: null, latencyMs: null });
  });
});

describe('nginx error log', () => {
  const parse = createLineParser({ kind: 'nginx-error' });
  it('reads level and local time', () => {
    const r = parse('2024/05/01 10:00:00 [error] 123#0: *1 connect() failed (111: Connection refused) while connecting to upstream');
    expect(r.level).toBe('error');
    expect(r.ts).toBe(new Date(2024, 4, 1, 10, 0, 0).getTime());
    expect(parse('2024/05/01 10:00:00 [warn] 1#1: conflicting server name').level).toBe('warn');
    expect(parse('2024/05/01 10:00:00 [notice] 1#1: signal process started').level).toBe('info');
    expect(parse('2024/05/01 10:00:00 [crit] 1#1: x').level).toBe('error');
    expect(parse('not an error line').ts).toBeNull();
  });
});

describe('JSON lines', () => {
  const parse = createLineParser({ kind: 'json' });
  it('reads pino numbers, level words and the time fields', () => {
    expect(parse('{"level":30,"time":1714557600000,"msg":"hi"}')).toMatchObject({ level: 'info', ts: 1714557600000 });
    expect(parse('{"level":50,"time":1714557600,"msg":"x"}')).toMatchObject({ level: 'error', ts: 1714557600000 });
    expect(parse('{"level":10}').level).toBe('debug');
    expect(parse('{"level":60}').level).toBe('error');
    expect(parse('{"level":40}').level).toBe('warn');
    expect(parse('{"lvl":"WARN","timestamp":"2024-05-01T10:00:00.500Z"}')).toMatchObject({ level: 'warn', ts: Date.UTC(2024, 4, 1, 10, 0, 0, 500) });
    expect(parse('{"severity":"ERROR","ts":1714557600.25}')).toMatchObject({ level: 'error', ts: 1714557600250 });
    expect(parse('{"level":"info","@timestamp":"2024-05-01T10:00:00+02:00"}')).toMatchObject({ level: 'info', ts: Date.UTC(2024, 4, 1, 8) });
    expect(parse('{"message":"GET /x 500","status":500,"url":"/x?y=1","responseTime":12}')).toMatchObject({ status: 500, path: '/x', latencyMs: 12 });
  });
  it('falls back to the plain rules on broken JSON and never throws', () => {
    expect(parse('{"level": "error", broken').level).toBe('error');
    expect(parse('ERROR not json').level).toBe('error');
    expect(parse('[1,2]').level).toBeNull();
    expect(parse('{"level":{"nested":true},"time":"yesterday"}')).toMatchObject({ level: null, ts: null });
  });
});

describe('plain lines', () => {
  const parse = createLineParser({ kind: 'plain' });
  it('guesses the level from its words', () => {
    expect(parse('2024-05-01 10:00:00 ERROR something broke').level).toBe('error');
    expect(parse('WARNING: disk almost full').level).toBe('warn');
    expect(parse('[info] started').level).toBe('info');
    expect(parse('DEBUG cache miss').level).toBe('debug');
    expect(parse('level=warn msg="slow"').level).toBe('warn');
    expect(parse('Server listening on 3000').level).toBeNull();
    expect(parse('no error here in lower case prose').level).toBeNull();
  });
  it('reads a PM2 --time prefix and ISO prefixes', () => {
    expect(parse('2024-05-01T10:00:00: Server listening').ts).toBe(new Date(2024, 4, 1, 10, 0, 0).getTime());
    expect(parse('2024-05-01T10:00:00.250Z GET /').ts).toBe(Date.UTC(2024, 4, 1, 10, 0, 0, 250));
    expect(parse('[2024-05-01 10:00:00,100] INFO x').ts).toBe(new Date(2024, 4, 1, 10, 0, 0, 100).getTime());
    expect(parse('2024-05-01T10:00:00+02:00 x').ts).toBe(Date.UTC(2024, 4, 1, 8));
    expect(parse('hello').ts).toBeNull();
  });
});
