// cassandra-auth: TLS with the throwaway CA (and a clear error with the wrong one), and a load under
// a role that may only SELECT the journal keyspace: full scan, persistenceIds read, persistenceIds().
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type cassandra from 'cassandra-driver';
import { createJournalWriter } from '../../../scripts/journal/writer.js';
import { cassandraJournal } from '../../../src/from-cassandra.js';
import { ConnectionError } from '../../../src/errors.js';
import { jsonEvents } from '../cassandra/helpers.js';
import { AUTH_CONTACT, AUTH_PORT, authAdmin, caPem, otherCaPem, SUPERUSER } from './helpers.js';

const KEYSPACE = 'prod_least_privilege';
const ROLE = 'prod_journal_reader';
const ROLE_PASSWORD = 'prod-reader-pw';
const IDS = ['Account|a-1', 'Account|a-2', 'Account|a-3'];
let admin: cassandra.Client;

before(async () => {
  admin = await authAdmin();
  await admin.execute(`DROP KEYSPACE IF EXISTS ${KEYSPACE}`);
  await admin.execute(`DROP ROLE IF EXISTS ${ROLE}`);
  const writer = await createJournalWriter({ ...AUTH_CONTACT, credentials: SUPERUSER, keyspace: KEYSPACE });
  try {
    await writer.write(IDS.flatMap((id, i) => jsonEvents(id, 100 + i * 50)));
    await writer.deleteTo('Account|a-1', 10);
  } finally {
    await writer.close();
  }
  await admin.execute(`CREATE ROLE ${ROLE} WITH PASSWORD = '${ROLE_PASSWORD}' AND LOGIN = true`);
  await admin.execute(`GRANT SELECT ON KEYSPACE ${KEYSPACE} TO ${ROLE}`);
});

after(async () => {
  await admin.execute(`DROP ROLE IF EXISTS ${ROLE}`).catch(() => {});
  await admin.execute(`DROP KEYSPACE IF EXISTS ${KEYSPACE}`).catch(() => {});
  await admin.shutdown();
});

test('a role with only SELECT on the journal keyspace, over TLS with the CA: full scan, persistenceIds read and persistenceIds()', async () => {
  const journal = cassandraJournal({
    ...AUTH_CONTACT, keyspace: KEYSPACE, credentials: { username: ROLE, password: ROLE_PASSWORD }, tls: { ca: caPem() },
  });
  try {
    const all = await journal.eventTable({ progress: false });
    assert.equal(all.numRows(), 100 + 150 + 200 - 10, 'every event but the 10 deleted ones of a-1');
    const two = await journal.eventTable({ persistenceIds: ['Account|a-2', 'Account|a-3'], progress: false });
    assert.equal(two.numRows(), 150 + 200);
    assert.deepEqual(await journal.persistenceIds(), IDS);
    assert.deepEqual(await journal.keyspaces(), [KEYSPACE]);
  } finally {
    await journal.close();
  }
  // The role really is that narrow: it may not write.
  const { default: driver } = await import('cassandra-driver');
  const asReader = new driver.Client({ ...AUTH_CONTACT, authProvider: new driver.auth.PlainTextAuthProvider(ROLE, ROLE_PASSWORD) });
  try {
    await assert.rejects(asReader.execute(`DELETE FROM ${KEYSPACE}.metadata WHERE persistence_id = 'x'`), /has no MODIFY permission/);
  } finally {
    await asReader.shutdown();
  }
});

test('TLS with a CA that did not sign the server certificate: one ConnectionError naming host:port and what to pass', async () => {
  const journal = cassandraJournal({ ...AUTH_CONTACT, keyspace: KEYSPACE, credentials: SUPERUSER, tls: { ca: otherCaPem() } });
  try {
    const error = await journal.eventTable({ progress: false }).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof ConnectionError, String(error));
    assert.deepEqual(error.endpoints, [`127.0.0.1:${AUTH_PORT}`]);
    assert.match(error.message, new RegExp(`Cassandra at 127\\.0\\.0\\.1:${AUTH_PORT} over TLS`));
    assert.match(error.message, /certificate was not accepted \(SELF_SIGNED_CERT_IN_CHAIN/);
    assert.match(error.message, /tls: \{ ca: fs\.readFileSync\('ca\.pem'\) \}/);
    assert.ok(!error.message.includes('\n'), 'one paragraph');
  } finally {
    await journal.close();
  }
});
