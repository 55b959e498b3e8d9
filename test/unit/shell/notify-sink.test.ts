import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { AlertNotification, EventName, EventPayload, HealthSummary } from '../../../src-main/contract';
import { connectAlertSink, nativeNotificationOf, trayStateOf, TOOLTIP_MAX_LINES, type AlertBus, type DesktopAlertSink } from '../../../src-main/shell/notify-sink';
import { badgeText, iconPixels, trayIconPng } from '../../../src-main/shell/tray-icons';

const summary = (p: Partial<HealthSummary>): HealthSummary => ({ up: 0, down: 0, pending: 0, maintenance: 0, failing: [], ...p });
const failing = (name: string, state: 'down' | 'pending', message: string | null = null) => ({
  checkId: `check_${name.replace(/\W/g, '')}`,
  serviceId: null,
  name,
  state,
  since: 1,
  message,
});

describe('tray state from the health summary', () => {
  it('is red with the count of DOWN checks and names them with their message', () => {
    const s = trayStateOf(summary({ up: 3, down: 2, failing: [failing('api /health', 'down', 'HTTP 500\nInternal'), failing('db', 'down'), failing('cache', 'pending')] }), 'en');
    expect(s.level).toBe('down');
    expect(s.count).toBe(2);
    expect(s.tooltip).toBe('Opsdeck — 2 checks DOWN\n• api /health — HTTP 500 Internal\n• db');
  });

  it('says it in Spanish and cuts long lists', () => {
    const many = Array.from({ length: TOOLTIP_MAX_LINES + 3 }, (_, i) => failing(`svc${i}`, 'down'));
    const s = trayStateOf(summary({ down: many.length, failing: many }), 'es');
    const lines = s.tooltip.split('\n');
    expect(lines[0]).toBe(`Opsdeck — ${many.length} comprobaciones CAÍDAS`);
    expect(lines).toHaveLength(1 + TOOLTIP_MAX_LINES + 1);
    expect(lines.at(-1)).toBe('…y 3 más');
  });

  it('is amber while checks are pending, neutral when all are up or none exist or unknown', () => {
    expect(trayStateOf(summary({ up: 1, pending: 1, failing: [failing('api', 'pending')] }), 'en')).toEqual({ level: 'pending', count: 0, tooltip: 'Opsdeck — 1 check pending\n• api' });
    expect(trayStateOf(summary({ up: 4, maintenance: 1 }), 'en')).toEqual({ level: 'up', count: 0, tooltip: 'Opsdeck — all 5 checks up' });
    expect(trayStateOf(summary({}), 'en')).toEqual({ level: 'none', count: 0, tooltip: 'Opsdeck — no checks' });
    expect(trayStateOf(null, 'es')).toEqual({ level: 'none', count: 0, tooltip: 'Opsdeck' });
  });
});

const note = (kind: AlertNotification['kind']): AlertNotification => ({ id: `n-${kind}`, kind, checkId: 'check_a', serviceId: 'svc_a', title: `api is ${kind}`, body: 'HTTP 500', at: 1 });

describe('native notifications', () => {
  it('makes failures critical and audible, recoveries quiet', () => {
    expect(nativeNotificationOf(note('down'))).toEqual({ title: 'api is down', body: 'HTTP 500', urgency: 'critical', silent: false });
    expect(nativeNotificationOf(note('repeat')).urgency).toBe('critical');
    expect(nativeNotificationOf(note('recovery'))).toMatchObject({ urgency: 'normal', silent: true });
    expect(nativeNotificationOf(note('test'))).toMatchObject({ urgency: 'low', silent: true });
  });
});

/** A bus with the core's on() shape that the test drives by hand. */
function fakeBus() {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const bus: AlertBus = {
    on<K extends EventName>(name: K, l: (payload: EventPayload<K>) => void) {
      if (!listeners.has(name)) listeners.set(name, new Set());
      listeners.get(name)!.add(l as (p: unknown) => void);
      return () => listeners.get(name)!.delete(l as (p: unknown) => void);
    },
  };
  const emit = (name: string, payload: unknown) => listeners.get(name)?.forEach((l) => l(payload));
  const count = () => [...listeners.values()].reduce((n, s) => n + s.size, 0);
  return { bus, emit, count };
}

function fakeSink() {
  const log: string[] = [];
  const sink: DesktopAlertSink = {
    notify: (n) => log.push(`notify ${n.kind} ${n.title}`),
    setSummary: (s) => log.push(s ? `summary down=${s.down}` : 'summary none'),
  };
  return { sink, log };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('connectAlertSink', () => {
  it('shows every notification and keeps the summary current, coalescing bursts', async () => {
    const { bus, emit, count } = fakeBus();
    const { sink, log } = fakeSink();
    let down = 0;
    let fetches = 0;
    let release: () => void = () => undefined;
    const fetchSummary = () => {
      fetches++;
      const value = summary({ down });
      return new Promise<HealthSummary>((r) => (release = () => r(value)));
    };
    const off = connectAlertSink(bus, fetchSummary, sink);
    expect(fetches).toBe(1);
    release();
    await tick();
    expect(log).toEqual(['summary down=0']);

    // A state change and a notification arrive while a fetch is in flight: one more fetch, not three.
    down = 1;
    emit('health.changed', { checkId: 'check_a', serviceId: null, state: 'down', previous: 'pending' });
    emit('alerts.notify', note('down'));
    emit('health.changed', { checkId: 'check_b', serviceId: null, state: 'down', previous: 'up' });
    expect(log.at(-1)).toBe('notify down api is down');
    expect(fetches).toBe(2);
    release();
    await tick();
    expect(fetches).toBe(3);
    release();
    await tick();
    expect(log).toEqual(['summary down=0', 'notify down api is down', 'summary down=1', 'summary down=1']);

    off();
    expect(count()).toBe(0);
    emit('alerts.notify', note('recovery'));
    expect(log.at(-1)).toBe('summary down=1');
  });

  it('reports an unknown summary when the core cannot answer (locked vault)', async () => {
    const { bus, emit } = fakeBus();
    const { sink, log } = fakeSink();
    let locked = true;
    connectAlertSink(bus, () => (locked ? Promise.reject(new Error('locked')) : Promise.resolve(summary({ up: 2 }))), sink);
    await tick();
    expect(log).toEqual(['summary none']);
    locked = false;
    emit('vault.changed', { state: 'unlocked' });
    await tick();
    expect(log).toEqual(['summary none', 'summary down=0']);
  });
});

/** Decodes our own PNGs (RGBA, 8 bit, filter 0) back to pixels. */
function decodePng(png: Buffer): { size: number; px: Buffer } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.toString('ascii', 12, 16)).toBe('IHDR');
  const size = png.readUInt32BE(16);
  expect(png.readUInt32BE(20)).toBe(size);
  expect([png[24], png[25]]).toEqual([8, 6]);
  const idatLen = png.readUInt32BE(33);
  expect(png.toString('ascii', 37, 41)).toBe('IDAT');
  const raw = inflateSync(png.subarray(41, 41 + idatLen));
  const px = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) raw.copy(px, y * size * 4, y * (size * 4 + 1) + 1, (y + 1) * (size * 4 + 1));
  return { size, px };
}

describe('tray icons', () => {
  const at = (px: Buffer | Uint8Array, size: number, x: number, y: number) => [...px.subarray((y * size + x) * 4, (y * size + x) * 4 + 4)];

  it('is a red disc with the DOWN count in white, grey or amber otherwise, transparent corners', () => {
    const { size, px } = decodePng(trayIconPng({ level: 'down', count: 3 }, 16));
    expect(size).toBe(16);
    expect(at(px, 16, 0, 0)[3]).toBe(0);
    const colours = new Set<string>();
    for (let i = 0; i < px.length; i += 4) if (px[i + 3] === 255) colours.add(`${px[i]},${px[i + 1]},${px[i + 2]}`);
    expect(colours).toEqual(new Set(['208,40,42', '255,255,255']));
    expect(at(iconPixels({ level: 'pending', count: 0 }), 16, 8, 8)).toEqual([214, 140, 20, 255]);
    expect(at(iconPixels({ level: 'none', count: 4 }), 16, 8, 8)).toEqual([128, 134, 144, 255]);
    // No digits unless DOWN.
    expect([...iconPixels({ level: 'up', count: 5 })].some((v, i) => i % 4 === 0 && v === 255)).toBe(false);
  });

  it('draws 1–9, then 9+', () => {
    expect([0, 1, 9, 10, 250].map(badgeText)).toEqual(['', '1', '9', '9+', '9+']);
    const white = (count: number, size: number) => {
      const px = iconPixels({ level: 'down', count }, size);
      let n = 0;
      for (let i = 0; i < px.length; i += 4) if (px[i] === 255 && px[i + 1] === 255) n++;
      return n;
    };
    // "1" is 8 lit cells of the 3×5 font, scaled 2× on a 16 px icon; "8" is 13.
    expect(white(1, 16)).toBe(8 * 4);
    expect(white(8, 16)).toBe(13 * 4);
    expect(white(8, 32)).toBe(13 * 16);
    expect(white(12, 16)).toBeGreaterThan(white(9, 16) / 4);
  });
});
