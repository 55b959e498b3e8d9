import { describe, expect, it } from 'vitest';
import { isExternalWebUrl, isTrustedUrl } from '../../../src-main/shell/trusted-url';

describe('the Electron shell trusts only its own page', () => {
  it('accepts the packaged renderer file and refuses any other file or site', () => {
    expect(isTrustedUrl('file:///opt/Opsdeck/resources/app.asar/out/renderer/index.html', undefined)).toBe(true);
    expect(isTrustedUrl('file:///home/u/Downloads/evil.html', undefined)).toBe(false);
    expect(isTrustedUrl('https://evil.example/renderer/index.html', undefined)).toBe(false);
    expect(isTrustedUrl('not a url', undefined)).toBe(false);
  });
  it('in development accepts only the dev server origin', () => {
    expect(isTrustedUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isTrustedUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedUrl('file:///x/out/renderer/index.html', 'http://localhost:5173')).toBe(false);
  });
  it('hands only http and https links to the browser', () => {
    expect(isExternalWebUrl('https://docs.example.com/x')).toBe(true);
    expect(isExternalWebUrl('http://example.com')).toBe(true);
    for (const u of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-msdt:/id', 'vbscript:x', '']) {
      expect(isExternalWebUrl(u), u).toBe(false);
    }
  });
});
