/* eslint-disable @typescript-eslint/no-require-imports -- runs as plain CommonJS on the droplet */
// SERVISTECH API stand-in (one of two instances behind nginx): /health checks its Redis and its
// database through PgBouncer, /metrics speaks the Prometheus text format.
const http = require('node:http');
const net = require('node:net');

const port = Number(process.env.PORT || 3001);
const instance = process.env.INSTANCE || 'api-1';
const redisPort = Number(process.env.REDIS_PORT);
const redisPassword = process.env.REDIS_PASSWORD || '';
const dbPort = Number(process.env.PGBOUNCER_PORT);
const counts = new Map();

function log(level, message, meta) {
  process.stdout.write(JSON.stringify({ level, message, instance, time: new Date().toISOString(), ...meta }) + '\n');
}

function redisPing() {
  return new Promise((resolve) => {
    const s = net.connect(redisPort, '127.0.0.1');
    let buf = '';
    const done = (ok) => (s.destroy(), resolve(ok));
    s.setTimeout(1000, () => done(false));
    s.on('error', () => done(false));
    s.on('connect', () => s.write(`AUTH ${redisPassword}\r\nPING\r\n`));
    s.on('data', (d) => {
      buf += d;
      if (buf.includes('+PONG')) done(true);
      else if (buf.includes('-')) done(false);
    });
  });
}

// A TCP answer from PgBouncer; a full query would need a driver the droplet does not have.
function dbReachable() {
  return new Promise((resolve) => {
    const s = net.connect(dbPort, '127.0.0.1');
    s.setTimeout(1000, () => (s.destroy(), resolve(false)));
    s.on('error', () => resolve(false));
    s.on('connect', () => (s.destroy(), resolve(true)));
  });
}

function send(res, status, body, type = 'application/json') {
  res.writeHead(status, { 'content-type': type });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const route = url.pathname.replace(/^\/api/, '') || '/';
  res.on('finish', () => {
    const key = `${req.method} ${route} ${res.statusCode}`;
    counts.set(key, (counts.get(key) || 0) + 1);
    log(res.statusCode >= 500 ? 'error' : 'info', `${req.method} ${req.url} ${res.statusCode}`);
  });
  if (route === '/health') {
    const [redis, database] = await Promise.all([redisPing(), dbReachable()]);
    const ok = redis && database;
    return send(res, ok ? 200 : 503, { status: ok ? 'ok' : 'degraded', instance, uptime: process.uptime(), checks: { redis, database } });
  }
  if (route === '/metrics') {
    const mem = process.memoryUsage();
    const lines = [
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes ${mem.rss}`,
      '# TYPE process_uptime_seconds gauge',
      `process_uptime_seconds ${process.uptime()}`,
      '# TYPE http_requests_total counter',
      ...[...counts].map(([k, v]) => {
        const [method, path, status] = k.split(' ');
        return `http_requests_total{instance="${instance}",method="${method}",path="${path}",status="${status}"} ${v}`;
      }),
    ];
    return send(res, 200, lines.join('\n') + '\n', 'text/plain; version=0.0.4');
  }
  if (route === '/exchange-rates') return send(res, 200, { source: 'BCV', usd: 36.5, at: new Date().toISOString(), instance });
  if (route === '/fail') return send(res, 500, { error: 'simulated failure', instance });
  return send(res, 404, { error: 'not found' });
});

server.listen(port, '127.0.0.1', () => log('info', `SERVISTECH API ${instance} listening on 127.0.0.1:${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
