import { fixture } from './fixtures';

export const NONCE = 'f1x7ure';

/** Builds what the discovery script would print, from captured outputs per section. */
export function scriptOutput(sections: Record<string, { file?: string; text?: string; code: number }>): string {
  let out = '';
  for (const [name, s] of Object.entries(sections)) {
    const body = s.file ? fixture(s.file) : (s.text ?? '');
    out += `\n@@${NONCE} begin ${name}\n${body}\n@@${NONCE} end ${name} ${s.code}\n`;
  }
  return out;
}

const tools = (present: string[]) =>
  ['pm2', 'nginx', 'docker', 'podman', 'ss', 'netstat', 'ufw', 'crontab', 'df', 'sudo'].map((t) => `${t} ${present.includes(t) ? `/usr/bin/${t}` : '-'}`).join('\n') + '\nuser deploy 1000';

export const iaComercialOutput = () =>
  scriptOutput({
    tools: { text: tools(['pm2', 'nginx', 'ss', 'ufw', 'crontab', 'df', 'sudo']), code: 0 },
    pm2: { file: 'pm2-jlist.ia-comercial.json', code: 0 },
    nginx: { file: 'nginx-T.ia-comercial.txt', code: 0 },
    docker: { text: '', code: 127 },
    sockets: { text: '', code: 0 },
    ports: { file: 'ss-ltnp.ia-comercial.txt', code: 0 },
    ufw: { file: 'ufw-status.active.txt', code: 0 },
    crontab: { file: 'crontab.ia-comercial.txt', code: 0 },
    'cron-files': { text: '', code: 0 },
    df: { file: 'df-P.ubuntu.txt', code: 0 },
    os: { file: 'os-release.ubuntu-22.04.txt', code: 0 },
    uptime: { file: 'proc-uptime.txt', code: 0 },
    kernel: { text: 'Linux 5.15.0-91-generic x86_64', code: 0 },
  });

export const servistechOutput = () =>
  scriptOutput({
    tools: { text: tools(['pm2', 'nginx', 'docker', 'ss', 'ufw', 'crontab', 'df']), code: 0 },
    pm2: { file: 'pm2-jlist.servistech.json', code: 0 },
    nginx: { file: 'nginx-T.servistech.txt', code: 0 },
    docker: { file: 'docker-ps.servistech.jsonl', code: 0 },
    sockets: { text: '/var/run/docker.sock rw', code: 0 },
    ports: { file: 'ss-ltnp.servistech.txt', code: 0 },
    ufw: { file: 'ufw-status.needs-root.txt', code: 1 },
    crontab: { file: 'crontab.none.txt', code: 1 },
    'cron-files': { file: 'cron-files.servistech.txt', code: 0 },
    df: { file: 'df-P.ubuntu.txt', code: 0 },
    os: { file: 'os-release.ubuntu-22.04.txt', code: 0 },
    uptime: { file: 'uptime.txt', code: 0 },
    kernel: { text: 'Linux 5.15.0-91-generic x86_64', code: 0 },
  });
