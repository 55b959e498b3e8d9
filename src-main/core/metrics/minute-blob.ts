import { decodeSlots, encodeSlots } from './slot-blob';

/**
 * One hour of 1-minute rollups of one series packed in a BLOB (`metric_1m`): the slot blob of
 * `slot-blob.ts` with 60 slots — which minutes are present (one byte for a full hour, else a
 * bitmap), then the minutes' avg
 * and max − avg as bit-packed integer columns (`int-pack.ts`). Values are the store's scaled
 * integers (lossless).
 */

/** One minute of an hour: its index 0–59 and the scaled avg and max. */
export interface MinuteAgg {
  m: number;
  avg: number;
  max: number;
}

/** Packs minutes (any order, last one wins per minute; minutes outside 0–59 ignored). */
export function encodeMinutes(minutes: MinuteAgg[]): Buffer {
  return encodeSlots(
    minutes.map((x) => ({ s: x.m, avg: x.avg, max: x.max })),
    60,
  );
}

/** Unpacks a blob written by encodeMinutes; a damaged blob yields no minute (never wrong values). */
export function decodeMinutes(buf: Buffer): MinuteAgg[] {
  return decodeSlots(buf, 60).map((x) => ({ m: x.s, avg: x.avg, max: x.max }));
}
