import { deflateSync } from 'node:zlib';
import type { TrayState } from './notify-sink';

/**
 * Tray icons drawn in code (no image files to keep in sync): a filled circle — grey when
 * nothing is wrong or nothing is checked, amber while checks are pending, red with the number
 * of DOWN checks in white. Pure Node (PNG encoded here) so it is testable without Electron.
 */

type Rgba = [number, number, number, number];
const COLORS: Record<TrayState['level'], Rgba> = {
  none: [128, 134, 144, 255],
  up: [46, 125, 50, 255],
  pending: [214, 140, 20, 255],
  down: [208, 40, 42, 255],
};
const WHITE: Rgba = [255, 255, 255, 255];

/** 3×5 digits (and "+"), one string of 15 bits per glyph, row by row. */
const GLYPHS: Record<string, string> = {
  '0': '111101101101111',
  '1': '010110010010111',
  '2': '111001111100111',
  '3': '111001111001111',
  '4': '101101111001001',
  '5': '111100111001111',
  '6': '111100111101111',
  '7': '111001010010010',
  '8': '111101111101111',
  '9': '111101111001111',
  '+': '000010111010000',
};

/** The text drawn on the icon: 1–9, then "9+" (two glyphs fit a 16 px icon). */
export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 9 ? '9+' : String(count);
}

/** RGBA pixels of the icon at `size` px (16 for the tray; 32 for HiDPI). */
export function iconPixels(state: Pick<TrayState, 'level' | 'count'>, size = 16): Uint8Array {
  const px = new Uint8Array(size * size * 4);
  const set = (x: number, y: number, c: Rgba) => {
    if (x < 0 || y < 0 || x >= size || y >= size) return;
    px.set(c, (y * size + x) * 4);
  };
  const r = size / 2 - 0.5;
  const c = (size - 1) / 2;
  const fill = COLORS[state.level];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - c, y - c);
      if (d <= r) set(x, y, fill);
      else if (d <= r + 0.7) set(x, y, [fill[0], fill[1], fill[2], Math.round(255 * (r + 0.7 - d) / 0.7)]);
    }
  }
  const text = state.level === 'down' ? badgeText(state.count) : '';
  if (text) {
    const scale = Math.max(1, Math.floor(size / 16) * (text.length === 1 ? 2 : 1));
    const gw = 3 * scale;
    const gh = 5 * scale;
    const gap = scale;
    const width = text.length * gw + (text.length - 1) * gap;
    const x0 = Math.round((size - width) / 2);
    const y0 = Math.round((size - gh) / 2);
    [...text].forEach((ch, i) => {
      const bits = GLYPHS[ch]!;
      for (let gy = 0; gy < 5; gy++)
        for (let gx = 0; gx < 3; gx++)
          if (bits[gy * 3 + gx] === '1')
            for (let sy = 0; sy < scale; sy++)
              for (let sx = 0; sx < scale; sx++) set(x0 + i * (gw + gap) + gx * scale + sx, y0 + gy * scale + sy, WHITE);
    });
  }
  return px;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** A PNG (RGBA, 8 bits) of square pixels. */
export function encodePng(pixels: Uint8Array, size: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(pixels.buffer, pixels.byteOffset + y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** The PNG of a tray state at a size. */
export function trayIconPng(state: Pick<TrayState, 'level' | 'count'>, size = 16): Buffer {
  return encodePng(iconPixels(state, size), size);
}
