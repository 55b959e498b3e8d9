/**
 * Is this frame ours? In the packaged app, our own renderer file; in development, the dev
 * server's origin. Kept free of 'electron' so it is unit-tested under plain Node.
 */
export function isTrustedUrl(url: string, devServerUrl: string | undefined): boolean {
  try {
    const u = new URL(url);
    if (devServerUrl) return u.origin === new URL(devServerUrl).origin;
    return u.protocol === 'file:' && u.pathname.endsWith('/renderer/index.html');
  } catch {
    return false;
  }
}

/** Only http(s) links may be handed to the user's browser. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}
