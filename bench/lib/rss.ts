// Resident memory of this process, from /proc/self/status (Linux): VmRSS now, VmHWM the peak.
import { readFileSync, writeFileSync } from 'node:fs';

function field(name: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // not Linux: the fallbacks below
  }
  return name === 'VmRSS' ? process.memoryUsage.rss() : process.resourceUsage().maxRSS * 1024;
}

/** Bytes resident now. */
export const rssNow = (): number => field('VmRSS');

/** Peak resident bytes of the process so far (since start, or since `resetPeak`). */
export const rssPeak = (): number => field('VmHWM');

/**
 * Resets the peak (VmHWM) to the current RSS (writing 5 to /proc/self/clear_refs, Linux ≥ 4.0),
 * so that a later peak belongs to the work after the reset and not to module loading.
 * Returns false where the kernel does not allow it.
 *
 * @example
 * resetPeak(); await work(); const peak = rssPeak();
 */
export function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}
