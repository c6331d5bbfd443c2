// Big-endian unsigned magnitudes (CBOR tags 2/3, java.math.BigInteger.magnitude) → bigint, in
// linear time: through the hex text, which V8 parses in one pass. Shifting a BigInt left by 8
// once per byte copies the whole number each time, which is quadratic (a few hundred KB took
// minutes). The decimal size is checked against limits.maxBignumDigits first.

import { limitExceeded, type ActiveLimits } from './limits.js';

const LOG10_256 = Math.log10(256);

/**
 * The unsigned integer that `magnitude` (big-endian) holds; throws a LimitExceededError when it
 * has more than `limits.maxBignumDigits` decimal digits.
 *
 * @example
 * bigIntFromMagnitude(Uint8Array.of(1, 0), decodeLimits()); // 256n
 */
export function bigIntFromMagnitude(magnitude: Uint8Array, limits: ActiveLimits): bigint {
  let start = 0;
  while (start < magnitude.length && magnitude[start] === 0) start++;
  const bytes = magnitude.length - start;
  if (bytes === 0) return 0n;
  // digits of a number of `bytes` bytes: at most ceil(bytes·log10 256), at least one less
  if (Math.floor((bytes - 1) * LOG10_256) + 1 > limits.maxBignumDigits) {
    throw limitExceeded('maxBignumDigits', `a big integer of ${bytes} bytes (about ${Math.round(bytes * LOG10_256)} decimal digits) exceeds`, limits);
  }
  if (bytes <= 6) {
    let n = 0;
    for (let i = start; i < magnitude.length; i++) n = n * 256 + magnitude[i]!;
    return BigInt(n);
  }
  return BigInt(`0x${Buffer.from(magnitude.buffer, magnitude.byteOffset + start, bytes).toString('hex')}`);
}
