/* eslint-disable @typescript-eslint/no-require-imports -- runs as plain CommonJS on the droplet */
// SERVISTECH WebSocket server stand-in: /ws/health over HTTP, real-time messages on /ws.
// `ws` comes from the repo's node_modules through NODE_PATH.
const http = require('node:http');
const { WebSocketServer } = require('ws');

const port = Number(process.env.PORT || 3002);
const wss = new WebSocketServer({ noServer: true });

function log(message, meta) {
  process.stdout.write(JSON.stringify({ level: 'info', message, time: new Date().toISOString(), ...meta }) + '\n');
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/ws/health' || url.pathname === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ status: 'ok', connections: wss.clients.size, uptime: process.uptime() }));
  }
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: 'not found' }));
});

server.on('upgrade', (req, socket, head) => {
  if (!req.url.startsWith('/ws')) return socket.destroy();
  wss.handleUpgrade(req, socket, head, (ws) => {
    log('client connected', { clients: wss.clients.size });
    ws.send(JSON.stringify({ type: 'welcome', at: new Date().toISOString() }));
    ws.on('message', (data) => ws.send(JSON.stringify({ type: 'echo', data: String(data) })));
  });
});

server.listen(port, '127.0.0.1', () => log(`SERVISTECH WebSocket listening on 127.0.0.1:${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
