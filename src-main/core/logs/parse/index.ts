import type { LogFormat, LogLevel } from '../../../contract';
import { displayBytes, decodePathKey } from './path-key';
import { F, compileLogFormat, type CompiledFormat } from './nginx-format';
import { newFieldSpans, pathEnd, readLineTime, readRequest, readSecondsMs, readUint, scanAccessLine, type RequestSpans, type TimeOut } from './nginx-scan';
import { Scratch } from './scratch';
import { parseJsonLine, parseNginxErrorLine, parsePlainLine } from './text-lines';

export { compileLogFormat, unwrapLogFormat, COMBINED_FORMAT, formatHasLatency, F, type CompiledFormat } from './nginx-format';
export { guessLevel, leadingTime, levelFromNumber, levelFromWord } from './text-lines';

/** What the core reads out of one log line (null where the format does not say). */
export interface ParsedFields {
  /** Epoch ms from the line, null when the line carries no time. */
  ts: number | null;
  level: LogLevel | null;
  status: number | null;
  path: string | null;
  latencyMs: number | null;
}

const NONE = (): ParsedFields => ({ ts: null, level: null, status: null, path: null, latencyMs: null });

/** An nginx access line: time, status (level: 5xx error, 4xx warn, else info), path, latency. */
function accessParser(format: CompiledFormat): (text: string) => ParsedFields {
  const scratch = new Scratch();
  const spans = newFieldSpans();
  const time: TimeOut = { ms: 0, day: 0 };
  const req: RequestSpans = { methodStart: -1, methodEnd: -1, uriStart: -1, uriEnd: -1 };
  return (text) => {
    let n = scratch.write(text);
    const buf = scratch.buf;
    if (n > 0 && buf[n - 1] === 0x0d) n--;
    const out = NONE();
    if (!scanAccessLine(format, buf, 0, n, spans)) return out;
    const status = readUint(buf, spans[F.STATUS * 2], spans[F.STATUS * 2 + 1]);
    if (status >= 100 && status <= 599) {
      out.status = status;
      out.level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    }
    if (readLineTime(spans, buf, time)) out.ts = time.ms;
    if (readRequest(spans, buf, req)) {
      let key = buf.toString('latin1', req.uriStart, pathEnd(buf, req.uriStart, req.uriEnd));
      if (key.includes('%')) key = decodePathKey(key);
      out.path = displayBytes(key);
    }
    let lat = readSecondsMs(buf, spans[F.REQUEST_TIME * 2], spans[F.REQUEST_TIME * 2 + 1]);
    if (lat !== lat) lat = readSecondsMs(buf, spans[F.UPSTREAM_TIME * 2], spans[F.UPSTREAM_TIME * 2 + 1]);
    if (lat === lat) out.latencyMs = lat;
    return out;
  };
}

/**
 * A parser for one source's lines. Called once per line on the hot path: no allocation beyond
 * the result. Never throws: a line it cannot read gives all-null fields.
 */
export function createLineParser(format: LogFormat): (text: string) => ParsedFields {
  let parse: (text: string) => ParsedFields;
  switch (format.kind) {
    case 'nginx-access':
      parse = accessParser(compileLogFormat(format.logFormat));
      break;
    case 'nginx-error':
      parse = parseNginxErrorLine;
      break;
    case 'json':
      parse = parseJsonLine;
      break;
    default:
      parse = parsePlainLine;
  }
  return (text) => {
    try {
      return typeof text === 'string' ? parse(text) : NONE();
    } catch {
      return NONE();
    }
  };
}
