// v1 UUID → epoch ms without BigInt or a Date per row (docs/journal-formats.md §6):
// ticks of 100 ns since 1582-10-15 = (time_hi & 0x0FFF) << 48 | time_mid << 32 | time_low.
// 60-bit values lose precision in a double, so the Gregorian offset is taken off in two
// 32-bit halves and 2^32 = 429496 * 10000 + 7296 keeps the division exact.

const OFFSET_HIGH = 0x01b21dd2;
const OFFSET_LOW = 0x13814000;

/**
 * Epoch milliseconds of a version-1 (time-based) UUID given as its 16 bytes.
 *
 * @example
 * msFromTimeUuidBytes(row.timestamp.buffer) // 1700000000000
 */
export function msFromTimeUuidBytes(b: Uint8Array): number {
  const low = ((b[0]! << 24) >>> 0) + (b[1]! << 16) + (b[2]! << 8) + b[3]!;
  const high = ((b[6]! & 0x0f) << 24) + (b[7]! << 16) + (b[4]! << 8) + b[5]!;
  const diffHigh = high - OFFSET_HIGH;
  const diffLow = low - OFFSET_LOW;
  return diffHigh * 429496 + Math.floor((diffHigh * 7296 + diffLow) / 10000);
}
