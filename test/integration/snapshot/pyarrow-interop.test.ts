// saveTable's files as other tools read them: pyarrow (pandas' reader) from the project's .venv
// (scripts/lib/requirements.txt pins it). Types must be the natural ones: timestamp, int64,
// list<string>, dictionary strings, JSON text as string, raw as binary.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { saveTable } from '../../../src/index.js';
import { journalTable } from '../../unit/snapshot/journal-fixture.js';

const python = path.resolve('.venv/bin/python');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snap-pyarrow-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const READ = `
import json, sys, pyarrow as pa, pyarrow.parquet as pq
path = sys.argv[1]
t = pq.read_table(path) if path.endswith('.parquet') else pa.ipc.open_file(path).read_all()
meta = (t.schema.metadata or {}).get(b'journal-lens')
print(json.dumps({
  'rows': t.num_rows,
  'types': {f.name: str(f.type) for f in t.schema},
  'first': {k: (v.isoformat() if hasattr(v, 'isoformat') else v.hex() if isinstance(v, bytes) else v) for k, v in t.slice(1, 1).to_pylist()[0].items()},
  'raw9': t.column('raw')[9].as_py().hex(),
  'metadata': json.loads(meta) if meta else None,
}))
`;

for (const ext of ['parquet', 'arrow']) {
  test(`${ext}: pyarrow reads saveTable's file with natural types and the journal-lens metadata`, async () => {
    const file = path.join(dir, `journal.${ext}`);
    await saveTable(journalTable(), file);
    const out = JSON.parse(execFileSync(python, ['-c', READ, file], { encoding: 'utf8' })) as {
      rows: number; types: Record<string, string>; first: Record<string, unknown>; raw9: string; metadata: { rows: number; format: string } | null;
    };
    assert.equal(out.rows, 50);
    assert.equal(out.types['timestamp'], 'timestamp[ms, tz=UTC]');
    assert.equal(out.types['partition'], 'int64');
    assert.equal(out.types['sequenceNr'], 'int64');
    assert.match(out.types['tags']!, /^list<(element|item)?: string( not null)?>$/);
    for (const name of ['persistenceId', 'eventType', 'writerUuid']) {
      assert.equal(out.types[name], 'dictionary<values=string, indices=int32, ordered=0>', name);
    }
    assert.equal(out.types['event'], 'string');
    assert.equal(out.types['serId'], 'int32');
    assert.equal(out.types['raw'], 'binary');
    assert.equal(out.first['persistenceId'], 'cart-1');
    assert.equal(out.first['sequenceNr'], 1);
    assert.equal(out.first['timestamp'], '2026-01-01T00:00:01+00:00');
    assert.deepEqual(JSON.parse(out.first['event'] as string), { item: 'item-1', qty: 1, note: null });
    assert.deepEqual(out.first['tags'], ['cart']);
    assert.equal(out.raw9, '010203fa');
    assert.equal(out.metadata?.format, 'journal-lens-snapshot');
    assert.equal(out.metadata?.rows, 50);
  });
}
