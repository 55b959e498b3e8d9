import os from 'node:os';

/** Who is at the keyboard, for the audit trail. userInfo() throws for some container users. */
export function currentOsUser(env: NodeJS.ProcessEnv = process.env): string {
  try {
    const name = os.userInfo().username;
    if (name) return name;
  } catch {
    // fall through to the environment
  }
  return env.USER || env.USERNAME || 'unknown';
}
