/**
 * A deterministic (seeded) generator of realistic nginx access-log traffic: a few thousand
 * clients with a skewed share of requests, real browser and bot user agents, pages, API calls
 * with ids and query strings, static assets, redirects, 404s, 5xx bursts, request times and
 * upstream times (sometimes a list). Used by the nginx-parse benchmark and by tests, which
 * compute their expectations from the records, not from the text.
 */

export interface AccessRecord {
  ip: string;
  /** Epoch ms (the line is written in UTC, +0000). */
  ms: number;
  method: string;
  /** The request target as sent (path, maybe a query string, maybe percent-escapes). */
  target: string;
  status: number;
  bytes: number;
  referer: string;
  ua: string;
  /** Seconds, 3 decimals. */
  requestTime: number;
  /** What nginx prints for $upstream_response_time: "-", "0.012" or "0.100, 0.012". */
  upstream: string;
}

/** The log_format the generator writes: combined plus request and upstream times. */
export const TIMED_FORMAT =
  '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" $request_time $upstream_response_time';

/** The GoAccess settings for that format (ENVIRONMENT.md). */
export const GOACCESS_ARGS = ['--log-format=%h %^[%d:%t %^] "%r" %s %b "%R" "%u" %T %^', '--date-format=%d/%b/%Y', '--time-format=%T'];

/** mulberry32: small, fast, good enough for test traffic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UAS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.39 Mobile Safari/537.36',
  'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)',
  'curl/8.5.0',
  'python-requests/2.32.3',
  'Go-http-client/1.1',
  'UptimeRobot/2.0; http://www.uptimerobot.com/',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36 OPR/115.0.0.0',
  'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0',
  '-',
];
/** The mobile app and service clients that make most calls of an API-heavy site (short UAs). */
const APP_UAS = [
  'okhttp/4.12.0',
  'IAComercial/2.4.1 (Android 14)',
  'IAComercial/2.4.1 (iOS 17.6)',
  'IAComercial/2.3.9 (iOS 16.7)',
  'Dalvik/2.1.0 (Linux; U; Android 13)',
  'axios/1.7.7',
  'node-fetch/1.0',
  'Mozilla/5.0',
  '-',
];

const PAGES = ['/', '/pricing', '/about', '/contact', '/login', '/logout', '/dashboard', '/settings/profile', '/docs/getting-started', '/docs/Getting%20Started', '/blog', '/search'];
const STATIC = ['/assets/app.3f9a1c.js', '/assets/vendor.81bd22.js', '/assets/app.7c21e0.css', '/favicon.ico', '/robots.txt', '/img/logo.svg', '/img/hero.webp', '/fonts/inter-var.woff2'];
const API = ['/api/leads', '/api/leads/:id', '/api/orders', '/api/orders/:id', '/api/users/:id', '/api/health', '/api/search', '/api/reports/monthly', '/api/export'];
const REFERERS = ['-', '-', '-', '-', '-', '-', '-', '-', '-', 'https://www.google.com/', 'https://ia-comercial.example.com/', 'https://ia-comercial.example.com/pricing', 'https://t.co/abc123', 'https://duckduckgo.com/'];
const METHODS = ['GET', 'GET', 'GET', 'GET', 'GET', 'GET', 'POST', 'POST', 'PUT', 'DELETE'];

/** Record i of a seeded stream; call in order (the clock only moves forward). */
export function createTraffic(seed: number, startMs = Date.UTC(2026, 10, 1, 0, 0, 0)): () => AccessRecord {
  const r = rng(seed);
  const ips: string[] = [];
  for (let i = 0; i < 6000; i++) ips.push(`${1 + Math.floor(r() * 222)}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}.${1 + Math.floor(r() * 254)}`);
  // Three clients in four are the mobile app or scripts (short UAs), the rest browsers and bots.
  const ipUa = ips.map(() => (r() < 0.78 ? APP_UAS[Math.floor(r() * APP_UAS.length)] : UAS[Math.floor(r() * UAS.length)]));
  let ms = startMs;
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)];
  return () => {
    ms += Math.floor(r() * 520); // ~260 ms apart on average: about 3 days per million lines
    // Skewed clients: a few heavy hitters, a long tail.
    const ci = Math.floor(ips.length * r() ** 3);
    const ip = ips[ci];
    const ua = r() < 0.95 ? ipUa[ci] : pick(UAS);
    const kind = r();
    let target: string;
    let method = 'GET';
    let upstream = '-';
    let requestTime: number;
    let bytes: number;
    if (kind < 0.45) {
      target = pick(STATIC);
      if (r() < 0.2) target += `?v=${Math.floor(r() * 5)}`;
      requestTime = Math.floor(r() * 3) / 1000;
      bytes = 200 + Math.floor(r() * 180_000);
    } else if (kind < 0.75) {
      target = pick(PAGES);
      if (target === '/search') target += `?q=${pick(['shoes', 'caf%C3%A9', 'a+b', 'x%20y'])}`;
      else if (r() < 0.1) target += `?utm_source=${pick(['news', 'tw', 'fb'])}&page=${1 + Math.floor(r() * 9)}`;
      requestTime = (5 + Math.floor(r() * r() * 400)) / 1000;
      upstream = (Math.max(0, requestTime * 1000 - 2) / 1000).toFixed(3);
      bytes = 1500 + Math.floor(r() * 40_000);
    } else {
      target = pick(API).replace(':id', String(1 + Math.floor(r() * 2500)));
      method = pick(METHODS);
      if (target === '/api/search') target += `?q=${Math.floor(r() * 1000)}&limit=20`;
      const slow = target.startsWith('/api/reports') || target === '/api/export';
      requestTime = (slow ? 300 + Math.floor(r() * 2700) : 3 + Math.floor(r() * r() * 250)) / 1000;
      upstream = r() < 0.03 ? `${(0.1).toFixed(3)}, ${(Math.max(0, requestTime - 0.1)).toFixed(3)}` : (Math.max(0, requestTime * 1000 - 1) / 1000).toFixed(3);
      bytes = 80 + Math.floor(r() * 9000);
    }
    let status = 200;
    const s = r();
    if (s < 0.05) {
      status = 304;
      bytes = 0;
    } else if (s < 0.08) status = pick([301, 302]);
    else if (s < 0.14) status = 404;
    else if (s < 0.155) status = pick([400, 401, 403, 429]);
    else if (s < 0.175) status = pick([500, 502, 503, 504]);
    else if (method === 'POST' && s < 0.3) status = 201;
    if (status === 404 && r() < 0.5) target = pick(['/wp-login.php', '/.env', '/xmlrpc.php', `/old/page-${Math.floor(r() * 300)}`, '/admin/config.php']);
    return { ip, ms, method, target, status, bytes, referer: pick(REFERERS), ua, requestTime, upstream };
  };
}

const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `$time_local` for an epoch ms, in UTC. */
export function timeLocal(ms: number): string {
  const d = new Date(ms);
  return `${p2(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

/** One line in TIMED_FORMAT. */
export function formatTimed(x: AccessRecord): string {
  return `${x.ip} - - [${timeLocal(x.ms)}] "${x.method} ${x.target} HTTP/1.1" ${x.status} ${x.bytes} "${x.referer}" "${x.ua}" ${x.requestTime.toFixed(3)} ${x.upstream}`;
}
