/**
 * Redis Cluster hash slots: CRC16-XMODEM of the key (or of its hash tag) modulo 16384, as
 * Redis computes them (`CLUSTER KEYSLOT`).
 *
 * @module
 */

/** How many hash slots a Redis Cluster has. */
export const SLOT_COUNT = 16384;

const TABLE = new Uint16Array(256);
for (let i = 0; i < 256; i++) {
  let crc = i << 8;
  for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1;
  TABLE[i] = crc & 0xffff;
}

const encoder = new TextEncoder();

function crc16(text: string, start: number, end: number): number {
  let crc = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) return crc16Bytes(encoder.encode(text.slice(start, end)));
    crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >> 8) ^ code) & 0xff];
  }
  return crc;
}

function crc16Bytes(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >> 8) ^ byte) & 0xff];
  return crc;
}

/**
 * The hash slot of a key. Like Redis, only the hash tag is hashed when the key has one: the
 * text between the first `{` and the first `}` after it, if that text is not empty.
 *
 * @param key The full key, as sent to Redis (store prefix included).
 * @returns The slot, 0 to 16383.
 * @example
 * ```ts
 * import { keySlot } from "./key_slot.ts";
 * keySlot("123456789"); // 12739
 * keySlot("beacon:{t:acme}:a") === keySlot("other:{t:acme}:b"); // true
 * ```
 */
export function keySlot(key: string): number {
  const open = key.indexOf("{");
  if (open !== -1) {
    const close = key.indexOf("}", open + 1);
    if (close > open + 1) return crc16(key, open + 1, close) % SLOT_COUNT;
  }
  return crc16(key, 0, key.length) % SLOT_COUNT;
}
