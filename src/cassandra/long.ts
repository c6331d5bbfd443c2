/** A bigint column value as the driver returns it (Long), or null. */
export interface LongLike {
  toNumber(): number;
}

/** The number in a driver Long / bigint / number, NaN for null. */
export function numberFromLong(value: LongLike | bigint | number | null | undefined): number {
  if (value === null || value === undefined) return NaN;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return value.toNumber();
}
