import type { MessageKey, TFunction } from './types';

export interface Issue {
  path: string;
  code?: string;
  message: string;
}

type Rule = [RegExp, (m: RegExpMatchArray) => [MessageKey, Record<string, string | number>?]];

/**
 * The core's validation messages are English (zod plus the contract's own wording); these
 * rules turn the ones we know into the user's language and leave the rest as they came.
 */
const RULES: Rule[] = [
  [/^must not be empty$/i, () => ['v.empty']],
  [/^must be at most (\d+) characters$/i, (m) => ['v.tooLong', { n: m[1] }]],
  [/^must not contain control characters$/i, () => ['v.controlChars']],
  [/^must be a host name or an IP address$/i, () => ['v.hostAddress']],
  [/^must be a valid user name$/i, () => ['v.userName']],
  [/^use at least (\d+) characters$/i, (m) => ['v.minChars', { n: m[1] }]],
  [/^not a valid id$/i, () => ['v.option']],
  [/^Too big: expected string to have <?=?(\d+)/, (m) => ['v.tooLong', { n: m[1] }]],
  [/^Too big: expected array to have <?=?(\d+)/, (m) => ['v.tooMany', { n: m[1] }]],
  [/^Too big: expected \w+ to be <?=?(\d+)/, (m) => ['v.tooBig', { n: m[1] }]],
  [/^Too small: expected string to have >=?1 /, () => ['v.empty']],
  [/^Too small: expected string to have >?=?(\d+)/, (m) => ['v.minChars', { n: m[1] }]],
  [/^Too small: expected \w+ to be >?=?(-?\d+)/, (m) => ['v.tooSmall', { n: m[1] }]],
  [/^Invalid input: expected int/, () => ['v.integer']],
  [/^Invalid input: expected number/, () => ['v.number']],
  [/^Invalid URL/i, () => ['v.url']],
  [/^Invalid (option|input: expected ")/, () => ['v.option']],
];

export function translateIssue(issue: Issue, t: TFunction): string {
  for (const [re, to] of RULES) {
    const m = issue.message.match(re);
    if (m) {
      const [key, vars] = to(m);
      return t(key, vars);
    }
  }
  return issue.message;
}

export function issuesOf(details: unknown): Issue[] {
  if (!details || typeof details !== 'object') return [];
  const raw = (details as { issues?: unknown }).issues;
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((i): i is Issue => !!i && typeof i === 'object' && typeof (i as Issue).message === 'string')
    .map((i) => ({ path: typeof i.path === 'string' ? i.path : '', code: i.code, message: i.message }));
}
