// The decoder fuzz test: fuzz-worker.ts in a child process with a heap cap (--max-old-space-size)
// and a time cap, so that a crash (V8 abort, out of memory), a hang or an RSS spike fails this test
// instead of the test runner. The worker fails on any exception escaping the Cassandra or Kafka
// path. FUZZ_SEED=<n> runs other payloads (the default seed keeps CI repeatable).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const worker = join(dirname(fileURLToPath(import.meta.url)), 'fuzz-worker.ts');
const HEAP_CAP_MB = 512;
const TIME_CAP_MS = 55_000;

test('fuzz: every built-in serializer, fixtures truncated and mutated, random and hostile bytes, through the Cassandra and Kafka paths', { timeout: TIME_CAP_MS + 10_000 }, () => {
  const child = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_CAP_MB}`, '--import', 'tsx', worker], {
    encoding: 'utf8', timeout: TIME_CAP_MS, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, FUZZ_RSS_CAP_MB: '1024' },
  });
  const lines = child.stdout.trim().split('\n').filter(Boolean);
  const last = lines.at(-1) ?? '';
  const context = `exit ${child.status}, signal ${child.signal}\nstdout: ${last.slice(0, 4000)}\nstderr: ${child.stderr.slice(-4000)}`;
  assert.notEqual(child.signal, 'SIGKILL', `the fuzz run hung: still running after ${TIME_CAP_MS} ms\n${context}`);
  assert.equal(child.signal, null, `the fuzz run crashed\n${context}`);
  assert.equal(child.status, 0, `the fuzz run failed (an escaped exception or an RSS spike)\n${context}`);
  const summary = JSON.parse(last) as { done: boolean; cases: number; ids: number[]; undecodable: number };
  assert.equal(summary.done, true);
  assert.ok(summary.cases > 5000, `only ${summary.cases} cases ran`);
  assert.ok(summary.ids.includes(1) && summary.ids.includes(31) && summary.ids.includes(33) && summary.ids.length >= 15);
  assert.ok(summary.undecodable > 0);
  console.log(`fuzz: ${last}`);
});
