// Every payload produced by the real Pekko 1.1.3 serializers decodes to the expected value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDecoderRegistry } from '../../../src/decode/registry.js';
import { persistentReprFromBytes } from '../../../src/decode/persistent-repr.js';
import { fixtureNames, loadFixture } from './fixture-loader.js';

const registry = createDecoderRegistry();
const names = fixtureNames();

test('the fixture set covers every built-in family', () => {
  const ids = new Set(names.map((n) => loadFixture(n).serializerId));
  for (const id of [1, 4, 7, 8, 18, 19, 20, 21, 31, 33, 35]) assert.ok(ids.has(id), `a fixture for serializer ${id}`);
  assert.ok(names.length >= 25, `${names.length} fixtures`);
});

for (const name of names) {
  test(`fixture ${name}`, () => {
    const f = loadFixture(name);
    assert.equal(f.bytes.length > 0, true);
    // as a Node Buffer (what the Cassandra driver hands out) and as a plain Uint8Array
    assert.deepEqual(registry.decode(f.serializerId, f.manifest, f.bytes), f.expected);
    const plain = new Uint8Array(f.bytes);
    assert.deepEqual(registry.decode(f.serializerId, f.manifest, plain), f.expected);
  });
}

test('persistent-repr fixtures: every PersistentRepr field', () => {
  for (const name of names.filter((n) => n.startsWith('persistent-repr'))) {
    const f = loadFixture(name);
    const repr = persistentReprFromBytes(f.bytes);
    const want = f.persistentRepr as Record<string, unknown> & { payload: { serializerId: number; manifest: string } };
    assert.equal(repr.sequenceNr, want.sequenceNr);
    assert.equal(repr.persistenceId, want.persistenceId);
    assert.equal(repr.eventManifest, want.eventManifest);
    assert.equal(repr.writerUuid, want.writerUuid);
    assert.equal(repr.timestamp, want.timestamp);
    assert.equal(repr.deleted, want.deleted);
    assert.equal(repr.payload.serializerId, want.payload.serializerId);
    assert.equal(repr.payload.manifest, want.payload.manifest);
    assert.deepEqual(registry.decode(repr.payload.serializerId, repr.payload.manifest, repr.payload.bytes), f.expected);
  }
});

test('compressed fixtures really are compressed (gzip, LZ4 magic)', () => {
  const gz = loadFixture('jackson-json-gzip').bytes;
  assert.deepEqual([gz[0], gz[1]], [0x1f, 0x8b]);
  for (const n of ['jackson-json-lz4', 'jackson-json-lz4-large']) {
    const b = loadFixture(n).bytes;
    assert.equal(b.readUInt32BE(0), 0x87d96df6);
  }
});
