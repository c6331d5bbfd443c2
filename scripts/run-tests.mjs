#!/usr/bin/env node
// Runs node's test runner over test/<suite>/**/*.test.ts through tsx.
// Node 20's --test takes no glob, so the files are listed here.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const suites = process.argv.slice(2);
if (suites.length === 0) suites.push('unit');
const files = [];
function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.test.ts')) files.push(path);
  }
}
for (const suite of suites) walk(join('test', suite));
if (files.length === 0) {
  console.error(`no test files under test/${suites.join(', test/')}`);
  process.exit(1);
}
const extra = process.env.TEST_ONLY ? ['--test-name-pattern', process.env.TEST_ONLY] : [];
// Not --test-force-exit: it drops the reports of a file's last tests (nodejs/node#64833); the preload
// ends a file's process a few seconds after its last test instead, should a handle stay open.
const exitWhenDone = fileURLToPath(new URL('../test/support/exit-when-done.mjs', import.meta.url));
const result = spawnSync(process.execPath,
  ['--import', 'tsx', '--import', exitWhenDone, '--test', '--test-reporter=tap', '--test-concurrency=1', '--test-timeout=600000', ...extra, ...files],
  { stdio: 'inherit' });
process.exit(result.status ?? 1);
