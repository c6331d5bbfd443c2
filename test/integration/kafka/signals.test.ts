// Kernel shutdown (SIGTERM) and interrupt / Ctrl-C (SIGINT) stop every stream: the process ends
// and its throwaway consumer group is gone.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BROKER, cleanup, createTopic, groupIds, until } from './helpers.js';

after(cleanup);

const child = fileURLToPath(new URL('./fixtures/stream-child.ts', import.meta.url));

for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
  test(`${signal}: the streams stop, the group is deleted, the process exits`, async () => {
    const topic = await createTopic(`signal_${signal.toLowerCase()}`, 1);
    const proc = spawn(process.execPath, ['--import', 'tsx', child, BROKER, topic], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    const exited = new Promise<number | null>((resolve) => proc.on('exit', (c) => resolve(c)));
    await until(() => /READY /.test(out), 30_000, 'the child stream');
    const groupId = /READY (\S+)/.exec(out)![1];
    assert.ok((await groupIds()).includes(groupId));
    const t0 = Date.now();
    proc.kill(signal);
    assert.equal(await exited, code);
    assert.ok(Date.now() - t0 < 10_000, `took ${Date.now() - t0} ms`);
    assert.ok(!(await groupIds()).includes(groupId), 'group deleted');
  });
}
