/**
 * Compiles an nginx `log_format` body into a plan the byte scanner follows: literals to match
 * and variables to capture. Done once per format; the hot path never looks at the text again.
 */

/** The variables the analytics read. Any other `$variable` is skipped (F.SKIP). */
export const F = {
  SKIP: 0,
  REMOTE_ADDR: 1,
  TIME_LOCAL: 2,
  TIME_ISO: 3,
  MSEC: 4,
  REQUEST: 5,
  STATUS: 6,
  BODY_BYTES: 7,
  BYTES_SENT: 8,
  REFERER: 9,
  USER_AGENT: 10,
  REQUEST_TIME: 11,
  UPSTREAM_TIME: 12,
  REQUEST_METHOD: 13,
  REQUEST_URI: 14,
  URI: 15,
  FORWARDED_FOR: 16,
} as const;
export type FieldId = (typeof F)[keyof typeof F];
/** Number of field slots (start/end pairs) a scan fills. */
export const FIELD_COUNT = 17;

const VARIABLES: Record<string, FieldId> = {
  remote_addr: F.REMOTE_ADDR,
  realip_remote_addr: F.REMOTE_ADDR,
  binary_remote_addr: F.SKIP,
  time_local: F.TIME_LOCAL,
  time_iso8601: F.TIME_ISO,
  msec: F.MSEC,
  request: F.REQUEST,
  status: F.STATUS,
  body_bytes_sent: F.BODY_BYTES,
  bytes_sent: F.BYTES_SENT,
  http_referer: F.REFERER,
  http_user_agent: F.USER_AGENT,
  request_time: F.REQUEST_TIME,
  upstream_response_time: F.UPSTREAM_TIME,
  request_method: F.REQUEST_METHOD,
  request_uri: F.REQUEST_URI,
  uri: F.URI,
  http_x_forwarded_for: F.FORWARDED_FOR,
};

/** nginx's predefined `combined` format. */
export const COMBINED_FORMAT =
  '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"';

/** One step of the plan: a literal to match, or a variable to capture up to the next literal. */
export interface FormatStep {
  /** Literal bytes (empty for a variable step). */
  literal: Uint8Array;
  /** For a variable step: which field, or F.SKIP. -1 for a literal step. */
  field: number;
  /** The variable's name without `$` (for messages and tests). */
  name: string;
  /** Variables that may hold ", " or " : " lists ($upstream_*): the scanner looks past those. */
  list: boolean;
}

/** The steps as flat arrays, for the scanner's hot loop. */
export interface ScanPlan {
  /** 0 literal, 1 variable. */
  kinds: Int8Array;
  fields: Int8Array;
  lists: Uint8Array;
  literals: Uint8Array[];
  n: number;
}

export interface CompiledFormat {
  steps: FormatStep[];
  plan: ScanPlan;
  /** Fields the format carries. */
  has: ReadonlySet<number>;
  /** The body as compiled (after unwrapping a pasted `log_format name '…' '…';`). */
  body: string;
}

/**
 * Accepts the body as nginx stores it, or a whole pasted directive
 * (`log_format main '$remote_addr …' '"$http_user_agent"';`, quoted pieces concatenated,
 * an `escape=` parameter ignored).
 */
export function unwrapLogFormat(input: string): string {
  let s = input.trim();
  const directive = /^log_format\s+[^\s'"]+\s+(?:escape=\S+\s+)?/.exec(s);
  if (directive) s = s.slice(directive[0].length);
  if (s.endsWith(';')) s = s.slice(0, -1).trimEnd();
  if (!(s.startsWith("'") || s.startsWith('"'))) return s;
  // Concatenate quoted pieces separated by whitespace (nginx joins them as they are).
  let out = '';
  let i = 0;
  while (i < s.length) {
    const q = s[i];
    if (q === "'" || q === '"') {
      let j = i + 1;
      while (j < s.length && s[j] !== q) {
        if (s[j] === '\\' && j + 1 < s.length) {
          // nginx's escapes in quoted strings: \t \r \n, and \X for any other X.
          const e = s[j + 1];
          out += e === 't' ? '\t' : e === 'n' ? '\n' : e === 'r' ? '\r' : e;
          j += 2;
          continue;
        }
        out += s[j];
        j++;
      }
      i = j + 1;
    } else if (/\s/.test(q)) {
      i++;
    } else {
      // Text outside quotes: this is a bare body that merely starts with a quote
      // (`"$request" $status`), not quoted pieces.
      return s;
    }
  }
  return out;
}

const enc = new TextEncoder();

/** Compiles a `log_format` body (or a pasted directive); absent or empty = combined. */
export function compileLogFormat(input?: string): CompiledFormat {
  const body = input && input.trim() ? unwrapLogFormat(input) : COMBINED_FORMAT;
  const steps: FormatStep[] = [];
  const has = new Set<number>();
  let lit = '';
  const flushLit = () => {
    if (lit) steps.push({ literal: enc.encode(lit), field: -1, name: '', list: false });
    lit = '';
  };
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (c === '$') {
      let name = '';
      let j = i + 1;
      if (body[j] === '{') {
        const close = body.indexOf('}', j);
        if (close > j) {
          name = body.slice(j + 1, close);
          j = close + 1;
        }
      } else {
        while (j < body.length && /[A-Za-z0-9_]/.test(body[j])) j++;
        name = body.slice(i + 1, j);
      }
      if (!name) {
        lit += c;
        i++;
        continue;
      }
      flushLit();
      const field = VARIABLES[name] ?? F.SKIP;
      // Two captures in a row cannot be told apart: the second overwrites nothing, both end together.
      steps.push({ literal: new Uint8Array(0), field, name, list: name.startsWith('upstream_') });
      if (field !== F.SKIP) has.add(field);
      i = j;
    } else {
      lit += c;
      i++;
    }
  }
  flushLit();
  const n = steps.length;
  const plan: ScanPlan = { kinds: new Int8Array(n), fields: new Int8Array(n), lists: new Uint8Array(n), literals: steps.map((st) => st.literal), n };
  steps.forEach((st, i) => {
    plan.kinds[i] = st.field < 0 ? 0 : 1;
    plan.fields[i] = st.field;
    plan.lists[i] = st.list ? 1 : 0;
  });
  return { steps, plan, has, body };
}

/** True when the format can give a latency ($request_time or $upstream_response_time). */
export function formatHasLatency(f: CompiledFormat): boolean {
  return f.has.has(F.REQUEST_TIME) || f.has.has(F.UPSTREAM_TIME);
}
