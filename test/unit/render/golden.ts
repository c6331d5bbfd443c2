// Named JSON snapshots (Observable Plot style): test/golden/<name>.json holds the expected value;
// a mismatch writes <name>-changed.json next to it and fails. A missing golden is written and
// the test passes (review and commit it). UPDATE_GOLDENS=1 rewrites them all.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'golden');

/**
 * Compares `value` (as pretty JSON) with the golden file `name`.
 *
 * @example
 * assertGolden('events-per-type', chart.spec);
 */
export function assertGolden(name: string, value: unknown): void {
  const path = join(GOLDEN_DIR, `${name}.json`);
  const changed = join(GOLDEN_DIR, `${name}-changed.json`);
  const actual = `${JSON.stringify(value, null, 2)}\n`;
  if (!existsSync(path) || process.env.UPDATE_GOLDENS === '1') {
    writeFileSync(path, actual);
    return;
  }
  const expected = readFileSync(path, 'utf8');
  if (actual === expected) {
    rmSync(changed, { force: true });
    return;
  }
  writeFileSync(changed, actual);
  assert.deepEqual(JSON.parse(actual), JSON.parse(expected), `${name}: spec differs from ${path}; see ${changed}`);
  assert.fail(`${name}: same value, different formatting than ${path}; see ${changed}`);
}
