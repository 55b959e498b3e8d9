/* eslint-disable @typescript-eslint/no-require-imports -- runs as plain CommonJS under PM2 on the droplet */
// IA Comercial stand-in: the endpoints, logs and database of the seed's Express app, on node:http
// so the droplet needs nothing but Node. Copied to <home>/var/www/ia-comercial/server.js.
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const root = __dirname;
const port = Number(process.env.PORT || 3000);
const dbFile = path.join(root, 'db', 'leads.db');
fs.mkdirSync(path.join(root, 'logs'), { recursive: true });
const combined = fs.createWriteStream(path.join(root, 'logs', 'combined.log'), { flags: 'a' });
const errors = fs.createWriteStream(path.join(root, 'logs', 'error.log'), { flags: 'a' });

// Winston's JSON line format, as the seed's logger writes it.
function log(level, message, meta) {
  const line = JSON.stringify({ level, message, timestamp: new Date().toISOString(), ...meta }) + '\n';
  combined.write(line);
  if (level === 'error') errors.write(line);
  // The seed's winston also has a Console transport: PM2 puts it in the app's out log.
  process.stdout.write(line);
}

let Database = null;
try {
  // NODE_PATH points at the repo's node_modules (set in ecosystem.config.js).
  Database = require('better-sqlite3');
} catch {
  Database = null;
}

function dbStatus() {
  try {
    if (Database) {
      const db = new Database(dbFile, { readonly: true, fileMustExist: true });
      try {
        const row = db.prepare('SELECT count(*) AS n FROM leads').get();
        return { ok: true, leads: row.n };
      } finally {
        db.close();
      }
    }
    const head = Buffer.alloc(16);
    const fd = fs.openSync(dbFile, 'r');
    fs.readSync(fd, head, 0, 16, 0);
    fs.closeSync(fd);
    return { ok: head.toString('latin1') === 'SQLite format 3\u0000' };
  } catch (err) {
    return { ok: false, error: String(err && err.message ? err.message : err) };
  }
}

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const server = http.createServer((req, res) => {
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    log(res.statusCode >= 500 ? 'error' : 'info', `${req.method} ${req.url} ${res.statusCode}`, { ms: Math.round(ms * 10) / 10 });
  });
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/health') return send(res, 200, { status: 'ok' });
  if (url.pathname === '/health/detailed') {
    const db = dbStatus();
    const mem = process.memoryUsage();
    return send(res, db.ok ? 200 : 503, {
      status: db.ok ? 'ok' : 'degraded',
      uptime: process.uptime(),
      timestamp: new Date().toISOString(),
      memory: { rss: mem.rss, heapUsed: mem.heapUsed, heapTotal: mem.heapTotal },
      database: db,
      pid: process.pid,
      node: process.version,
    });
  }
  if (url.pathname === '/api/leads' && Database) {
    const db = new Database(dbFile, { readonly: true });
    try {
      return send(res, 200, db.prepare('SELECT * FROM leads ORDER BY id').all());
    } finally {
      db.close();
    }
  }
  // Lets tests produce an error line on demand.
  if (url.pathname === '/api/fail') return send(res, 500, { error: 'simulated failure' });
  return send(res, 404, { error: 'not found' });
});

server.listen(port, '127.0.0.1', () => log('info', `IA Comercial listening on 127.0.0.1:${port}`, { pid: process.pid }));
process.on('SIGINT', () => server.close(() => process.exit(0)));
