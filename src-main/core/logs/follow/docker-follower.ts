import type { Readable } from 'node:stream';
import { isAppError } from '../../../contract/errors';
import type { DockerConnector } from '../../connectors/docker';
import { DockerDedupe, splitDockerTimestamp } from './docker-dedupe';
import { LineSplitter, type SplitLine } from './line-splitter';
import { RECONNECT_DELAYS, sleep, type Follower, type SourceLine, type SourceSink } from './types';

export interface ContainerFollowOptions {
  hostId: string | null;
  hostName: string;
  container: string;
  socketPath?: string;
  tail: number;
}

/**
 * Splits Docker's multiplexed log stream (8-byte headers: stream, 0, 0, 0, size BE) into
 * stdout/stderr bytes; a TTY container's stream is raw.
 */
export class DockerDemux {
  private buf: Buffer = Buffer.alloc(0);
  constructor(private readonly tty: boolean) {}

  push(chunk: Buffer, out: { stream: 1 | 2; data: Buffer }[] = []): { stream: 1 | 2; data: Buffer }[] {
    if (this.tty) {
      out.push({ stream: 1, data: chunk });
      return out;
    }
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    while (this.buf.length >= 8) {
      const size = this.buf.readUInt32BE(4);
      if (this.buf.length < 8 + size) break;
      out.push({ stream: this.buf[0] === 2 ? 2 : 1, data: this.buf.subarray(8, 8 + size) });
      this.buf = this.buf.subarray(8 + size);
    }
    return out;
  }
}

/**
 * Follows a container's logs through the Docker API (`follow`, `timestamps`): history first,
 * then live; after a drop it reconnects with `since` and drops the boundary lines it already
 * delivered. When the container stops, the source says so and waits for it to start again.
 */
export function followContainer(docker: DockerConnector, o: ContainerFollowOptions, sink: SourceSink): Follower {
  const abort = new AbortController();
  const target = { hostId: o.hostId, socketPath: o.socketPath };
  const dedupe = new DockerDedupe();
  let current: Readable | null = null;
  let initialSent = false;

  const toLine = (l: SplitLine, at: number): SourceLine | null => {
    const st = splitDockerTimestamp(l.text);
    if (!st) return { text: l.text, truncatedBytes: l.truncatedBytes, ts: null, at };
    if (!dedupe.accept(st.ns, st.text)) return null;
    return { text: st.text, truncatedBytes: l.truncatedBytes, ts: st.ms, at };
  };

  /** Demultiplexes one chunk and appends the lines it completes (repeats of a reconnect dropped). */
  const readChunk = (demux: DockerDemux, split: Record<1 | 2, LineSplitter>, chunk: Buffer, at: number, out: SourceLine[]): void => {
    for (const part of demux.push(chunk)) {
      for (const l of split[part.stream].push(part.data)) {
        const line = toLine(l, at);
        if (line) out.push(line);
      }
    }
  };

  async function runOnce(): Promise<'ended' | 'dropped'> {
    const engine = docker.engine(target);
    const c = engine.getContainer(o.container);
    const info = await c.inspect();
    const tty = !!info.Config?.Tty;
    const since = dedupe.since();
    if (!initialSent) {
      const buf = (await c.logs({ stdout: true, stderr: true, follow: false, timestamps: true, tail: o.tail })) as unknown as Buffer;
      const lines: SourceLine[] = [];
      const at = Date.now();
      const demux = new DockerDemux(tty);
      const split = { 1: new LineSplitter(), 2: new LineSplitter() };
      readChunk(demux, split, Buffer.isBuffer(buf) ? buf : Buffer.from(String(buf)), at, lines);
      for (const s of [split[1], split[2]]) {
        const last = s.flush();
        const line = last && toLine(last, at);
        if (line) lines.push(line);
      }
      initialSent = true;
      sink.initial(o.tail > 0 ? lines.slice(-o.tail) : []);
      if (dedupe.since() !== undefined) dedupe.reconnected();
    } else if (since !== undefined) dedupe.reconnected();
    const from = dedupe.since();
    const stream = (await c.logs({ stdout: true, stderr: true, follow: true, timestamps: true, ...(from !== undefined ? { since: from } : { tail: 0 }) })) as unknown as Readable;
    current = stream;
    if (abort.signal.aborted) stream.destroy();
    sink.status('following', info.State?.Running === false ? `${o.container} is not running.` : null);
    const demux = new DockerDemux(tty);
    const split = { 1: new LineSplitter(), 2: new LineSplitter() };
    return new Promise((resolve) => {
      stream.on('data', (chunk: Buffer) => {
        const at = Date.now();
        const out: SourceLine[] = [];
        readChunk(demux, split, chunk, at, out);
        if (out.length) sink.lines(out);
      });
      stream.on('end', () => resolve('ended'));
      stream.on('error', () => resolve('dropped'));
      stream.on('close', () => resolve('dropped'));
    });
  }

  void (async () => {
    sink.status('connecting', null);
    let failures = 0;
    while (!abort.signal.aborted) {
      try {
        const how = await runOnce();
        failures = 0;
        if (abort.signal.aborted) return;
        if (how === 'ended') {
          sink.status('ended', `${o.container} stopped; its log continues when it starts again.`);
          await sleep(2000, abort.signal);
          continue;
        }
        sink.status('reconnecting', `The Docker log stream of ${o.container} on ${o.hostName} dropped; resuming.`);
      } catch (err) {
        if (abort.signal.aborted) return;
        failures++;
        if (!initialSent && failures >= 3) {
          initialSent = true;
          sink.initial([]);
        }
        const notFound = /no such container|404/i.test(String((err as Error)?.message ?? err));
        sink.status(notFound || failures > 3 ? 'error' : 'reconnecting', notFound ? `There is no container ${o.container} on ${o.hostName}.` : isAppError(err) ? err.message : `Docker on ${o.hostName} did not answer: ${String((err as Error)?.message ?? err).slice(0, 200)}`);
      }
      await sleep(Math.max(250, RECONNECT_DELAYS[Math.min(failures, RECONNECT_DELAYS.length - 1)]! * (failures > 3 ? 5 : 1)), abort.signal);
    }
  })();

  return {
    stop() {
      abort.abort();
      current?.destroy();
    },
  };
}

