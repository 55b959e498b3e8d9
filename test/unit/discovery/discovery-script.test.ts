import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { splitSections, SECTIONS } from '../../../src-main/core/discovery/discovery-script';
import { discoveryCommand } from '../../../src-main/core/discovery/discovery-service';
import { interpretScan } from '../../../src-main/core/discovery/interpret-scan';

/** Runs the built command line through a local sh, exactly as sshd hands it to the user's shell. */
function runLocally(nonce: string, socket = ''): string {
  const line = discoveryCommand(nonce, socket).line;
  return execFileSync('/bin/sh', ['-c', line], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', HOME: '/nonexistent-home' }, timeout: 60_000 });
}

describe('discovery script', () => {
  it('runs under sh on this machine and prints every section once', () => {
    const nonce = 'abc123def456';
    const out = runLocally(nonce);
    const sections = splitSections(out, nonce);
    expect([...sections.keys()]).toEqual([...SECTIONS]);
    for (const s of sections.values()) expect(s.code).not.toBeNull();
    // Tools this build machine lacks are warnings, never errors or exceptions.
    const scan = interpretScan(sections);
    expect(scan.facts.os?.id).toBeTruthy();
    expect(scan.facts.disks.length).toBeGreaterThan(0);
    expect(scan.facts.uptimeSeconds).toBeGreaterThan(0);
    expect(scan.warnings.every((w) => w.severity === 'warning')).toBe(true);
    expect(scan.warnings.map((w) => w.message)).toContain('pm2 is not installed on this host (looked in PATH, ~/.npm-global, node_modules and nvm folders).');
  });

  it('passes the nonce and socket as quoted arguments, never inside the script text', () => {
    const c = discoveryCommand('n0nce', "/tmp/it's; rm -rf x.sock");
    expect(c.line.startsWith("sh -c '")).toBe(true);
    expect(c.line.endsWith(` opsdeck-discovery n0nce '/tmp/it'\\''s; rm -rf x.sock' auto`)).toBe(true);
    const out = runLocally('n0nce', "/tmp/it's; rm -rf x.sock");
    expect(splitSections(out, 'n0nce').get('sockets')?.code).toBe(0);
  });

  it('ignores forged markers with another nonce and keeps a section cut off by the cap', () => {
    const out = '\n@@good begin nginx\nserver {}\n@@evil end nginx 0\nmore\n@@good end nginx 0\n@@good begin df\nFilesystem';
    const s = splitSections(out, 'good');
    expect(s.get('nginx')).toEqual({ name: 'nginx', output: 'server {}\n@@evil end nginx 0\nmore', code: 0 });
    expect(s.get('df')).toEqual({ name: 'df', output: 'Filesystem', code: null });
  });
});
