import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OptionError } from '../../../src/index.js';
import { maybeSparkRemote } from '../../../src/spark/spark-remote.js';

test('a bare URL: default port, no TLS, our user id', () => {
  const r = maybeSparkRemote('sc://127.0.0.1');
  assert.equal(r.host, '127.0.0.1');
  assert.equal(r.port, 15002);
  assert.equal(r.useSsl, false);
  assert.equal(r.userId, 'journal-lens');
  assert.equal(r.display, 'sc://127.0.0.1:15002');
});

test('params: token implies TLS, user_id, session_id, other params become headers', () => {
  const r = maybeSparkRemote('sc://spark.example.com:443/;token=s3cr3t;user_id=ana;session_id=0d4e1e0c-1a59-4b7b-9f55-0d9a7f3b2b11;x-team=data');
  assert.equal(r.port, 443);
  assert.equal(r.useSsl, true);
  assert.equal(r.token, 's3cr3t');
  assert.equal(r.userId, 'ana');
  assert.equal(r.sessionId, '0d4e1e0c-1a59-4b7b-9f55-0d9a7f3b2b11');
  assert.deepEqual(r.headers, { 'x-team': 'data' });
  assert.ok(!r.display.includes('s3cr3t'));
  assert.equal(maybeSparkRemote('sc://h/;token=t;use_ssl=false').useSsl, false);
});

test('bad URLs are OptionErrors that never show the token', () => {
  for (const bad of ['http://h:15002', 'sc://h:99999', 'sc://h/path', 'sc://h/;use_ssl=yes', 'sc://h/;session_id=nope', 42]) {
    assert.throws(() => maybeSparkRemote(bad), (e: unknown) => e instanceof OptionError && (e as OptionError).option === 'remote');
  }
  assert.throws(() => maybeSparkRemote('http://h/;token=topsecret'), (e: unknown) => !(e as Error).message.includes('topsecret'));
});
