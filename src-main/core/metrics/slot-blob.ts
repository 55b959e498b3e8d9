import { ByteReader, ByteWriter, readColumn, writeColumn } from './int-pack';

/**
 * Rollups of one series packed in a BLOB, one slot per period: 60 minutes of an hour
 * (`metric_1m`, `minute-blob.ts`) or 24 hours of a day (`metric_1h`). Layout: one byte, 1 when
 * every slot is present, else 0 followed by a bitmap of the slots present (ceil(slots / 8) bytes,
 * bit s = slot s); then two bit-packed integer columns
 * (`int-pack.ts`): the avg of each present slot in order, then max − avg. Values are the store's
 * scaled integers; lossless.
 */

/** One slot (minute of an hour, hour of a day): its index and the scaled avg and max. */
export interface SlotAgg {
  s: number;
  avg: number;
  max: number;
}

/** Packs slots (any order, last one wins per slot; slots outside 0..slots−1 ignored). */
export function encodeSlots(items: SlotAgg[], slots: number): Buffer {
  const bySlot = new Map<number, SlotAgg>();
  for (const x of items) if (Number.isInteger(x.s) && x.s >= 0 && x.s < slots) bySlot.set(x.s, x);
  const ordered = [...bySlot.values()].sort((a, b) => a.s - b.s);
  const w = new ByteWriter();
  if (ordered.length === slots) w.byte(1);
  else {
    w.byte(0);
    const bitmap = new Array<number>(Math.ceil(slots / 8)).fill(0);
    for (const x of ordered) bitmap[x.s >> 3] |= 1 << (x.s & 7);
    for (const b of bitmap) w.byte(b);
  }
  writeColumn(w, ordered.map((x) => x.avg));
  writeColumn(w, ordered.map((x) => x.max - x.avg));
  return w.toBuffer();
}

/** Unpacks a blob written by encodeSlots; a damaged blob yields no slot (never wrong values). */
export function decodeSlots(buf: Buffer, slots: number): SlotAgg[] {
  try {
    const r = new ByteReader(buf);
    const present: number[] = [];
    const full = r.byte();
    if (full === 1) for (let i = 0; i < slots; i++) present.push(i);
    else if (full !== 0) return [];
    else
      for (let i = 0; i < Math.ceil(slots / 8); i++) {
        const b = r.byte();
        for (let j = 0; j < 8; j++) if (b & (1 << j) && i * 8 + j < slots) present.push(i * 8 + j);
      }
    const avg = readColumn(r, present.length);
    const extra = readColumn(r, present.length);
    return present.map((s, i) => ({ s, avg: avg[i], max: avg[i] + extra[i] }));
  } catch {
    return [];
  }
}

/** The present slots and their averages only (what reads need; the max column is not decoded). Damaged: nothing. */
export function decodeSlotAvgs(buf: Buffer, slots: number): { s: number[]; avg: number[] } {
  try {
    const r = new ByteReader(buf);
    const present: number[] = [];
    const full = r.byte();
    if (full === 1) for (let i = 0; i < slots; i++) present.push(i);
    else if (full !== 0) return { s: [], avg: [] };
    else
      for (let i = 0; i < Math.ceil(slots / 8); i++) {
        const b = r.byte();
        for (let j = 0; j < 8; j++) if (b & (1 << j) && i * 8 + j < slots) present.push(i * 8 + j);
      }
    return { s: present, avg: readColumn(r, present.length) };
  } catch {
    return { s: [], avg: [] };
  }
}

/** Packs the hours of one UTC day (`metric_1h`). */
export const encodeHours = (hours: SlotAgg[]): Buffer => encodeSlots(hours, 24);
/** Unpacks a day of hours written by encodeHours. */
export const decodeHours = (buf: Buffer): SlotAgg[] => decodeSlots(buf, 24);
