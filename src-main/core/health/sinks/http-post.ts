import http from 'node:http';
import https from 'node:https';

export interface PostResult {
  status: number;
  body: string;
}

/**
 * POSTs a JSON body and reads at most 8 KiB of the answer. Errors never carry the URL (a
 * webhook URL is a secret: Slack's holds the token in its path); the caller names the host.
 */
export function postJson(url: string, payload: unknown, timeoutMs: number): Promise<PostResult> {
  const u = new URL(url);
  const lib = u.protocol === 'https:' ? https : http;
  const body = Buffer.from(JSON.stringify(payload));
  return new Promise((resolve, reject) => {
    const req = lib.request(
      u,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length, 'user-agent': 'Opsdeck-Alerts/1' } },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size < 8192) chunks.push(c);
          size += c.length;
        });
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8').slice(0, 8192) });
        });
        res.on('error', (e) => {
          clearTimeout(timer);
          reject(strip(e));
        });
      },
    );
    const timer = setTimeout(() => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'TIMEOUT' })), timeoutMs);
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(strip(e));
    });
    req.end(body);
  });
}

/** Node puts the URL in some error messages; keep only the code and a generic sentence. */
function strip(e: NodeJS.ErrnoException): Error {
  const code = e.code ?? 'ERROR';
  const plain: Record<string, string> = {
    ECONNREFUSED: 'the connection was refused',
    ENOTFOUND: 'the host name does not resolve',
    EAI_AGAIN: 'the host name does not resolve',
    ECONNRESET: 'the connection was closed',
    TIMEOUT: e.message,
    ETIMEDOUT: 'the connection timed out',
    CERT_HAS_EXPIRED: 'its TLS certificate has expired',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  };
  return Object.assign(new Error(plain[code] ?? `the request failed (${code})`), { code });
}
