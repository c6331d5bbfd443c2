// One warning channel: repeated warnings are dropped (and counted) so that a loop over a
// thousand bad rows does not print a thousand lines (Observable Plot's warnings.js does the same).

const seen = new Map<string, number>();

/** Prints `message` to stderr once per `key` (default: the message itself); returns true when printed. */
export function warn(message: string, key = message): boolean {
  const count = seen.get(key) ?? 0;
  seen.set(key, count + 1);
  if (count > 0) return false;
  console.warn(message);
  return true;
}

/** How often `key` was warned about, printed or not (for tests). */
export function warningCount(key: string): number {
  return seen.get(key) ?? 0;
}
