// Every way a user can point eventTable at the wrong thing gets one clear paragraph, and no
// password ever appears in it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import cassandra from 'cassandra-driver';
import {
  AuthenticationError, ConnectionError, NotAJournalError, NotFoundError, OptionError, cassandraJournal,
} from '../../../src/index.js';
import { CONTACT, dropKeyspace, freshWriter, jsonEvents } from './helpers.js';

const KS = 'cass_it_errors';
const journal = cassandraJournal({ ...CONTACT, keyspace: KS });

before(async () => {
  const w = await freshWriter({ keyspace: KS });
  await w.write(jsonEvents('e-1', 3));
  await w.close();
  const admin = new cassandra.Client(CONTACT);
  await admin.execute(`CREATE TABLE IF NOT EXISTS ${KS}.orders (id text PRIMARY KEY, persistence_id text, total double)`);
  await admin.shutdown();
});
after(async () => {
  await journal.close();
  await dropKeyspace(KS);
});

test('unreachable Cassandra: ConnectionError within seconds naming the host and port tried', async () => {
  const started = Date.now();
  const nowhere = cassandraJournal({ contactPoints: ['127.0.0.1'], port: 9, localDataCenter: 'datacenter1', connectTimeoutMs: 2000 });
  await assert.rejects(nowhere.eventTable({ progress: false }), (error: unknown) => {
    assert.ok(error instanceof ConnectionError);
    assert.match(error.message, /Could not connect to Cassandra at 127\.0\.0\.1:9 \(local data center 'datacenter1'\)/);
    assert.match(error.message, /ECONNREFUSED/);
    assert.match(error.message, /scripts\/services start|contactPoints/);
    assert.deepEqual(error.endpoints, ['127.0.0.1:9']);
    assert.equal(error.retriable, true);
    return true;
  });
  assert.ok(Date.now() - started < 10_000, 'fails fast');
  await nowhere.close();
});

test('missing keyspace: lists the keyspaces and journal tables that exist', async () => {
  await assert.rejects(journal.eventTable({ keyspace: 'akka_typo', progress: false }), (error: unknown) => {
    assert.ok(error instanceof NotFoundError);
    assert.equal(error.kind, 'keyspace');
    assert.equal(error.missing, 'akka_typo');
    assert.ok(error.available.includes(KS));
    assert.match(error.message, /Keyspace 'akka_typo' does not exist\. Keyspaces on this cluster: .*cass_it_errors/);
    assert.match(error.message, /journal tables found: .*cass_it_errors\.messages/);
    return true;
  });
});

test('missing table: lists the tables of the keyspace', async () => {
  await assert.rejects(journal.eventTable({ table: 'mesages', progress: false }), (error: unknown) => {
    assert.ok(error instanceof NotFoundError);
    assert.equal(error.kind, 'table');
    assert.match(error.message, /Table 'cass_it_errors\.mesages' does not exist\. Tables in keyspace 'cass_it_errors': .*messages.*orders/);
    return true;
  });
});

test('a table that is not a journal: names the missing columns', async () => {
  await assert.rejects(journal.eventTable({ table: 'orders', progress: false }), (error: unknown) => {
    assert.ok(error instanceof NotAJournalError);
    assert.deepEqual(error.missingColumns, ['partition_nr', 'sequence_nr', 'event (or message)']);
    assert.match(error.message, /cass_it_errors\.orders is not an akka-persistence journal table/);
    return true;
  });
});

test('bad options are refused before any query, naming the option', async () => {
  await assert.rejects(journal.eventTable({ limit: -1, progress: false }), (e: unknown) => e instanceof OptionError && e.option === 'limit' && /limit must be a whole number/.test(e.message));
  await assert.rejects(journal.eventTable({ from: new Date('not a date'), progress: false }), (e: unknown) => e instanceof OptionError && e.option === 'from');
  await assert.rejects(journal.eventTable({ persistenceIds: [42 as unknown as string], progress: false }), (e: unknown) => e instanceof OptionError && e.option === 'persistenceIds');
  assert.throws(() => cassandraJournal({ contactPoints: [] }), (e: unknown) => e instanceof OptionError && e.option === 'contactPoints');
});

const AUTH = { contactPoints: ['127.0.0.1'], port: 9142, localDataCenter: 'datacenter1' };
const probe = new cassandra.Client({ ...AUTH, protocolOptions: { port: 9142 }, authProvider: new cassandra.auth.PlainTextAuthProvider('cassandra', 'cassandra') });
const authUp = await probe.connect().then(() => true, () => false);
await probe.shutdown();

test('authentication: wrong password and missing credentials are clear, the password never shows', { skip: !authUp && 'cassandra-auth (127.0.0.1:9142) is not running' }, async () => {
  const secret = 'not-the-Password-42';
  const wrong = cassandraJournal({ ...AUTH, credentials: { username: 'cassandra', password: secret } });
  await assert.rejects(wrong.keyspaces(), (error: unknown) => {
    assert.ok(error instanceof AuthenticationError);
    assert.match(error.message, /Cassandra at 127\.0\.0\.1:9142 refused the credentials of user 'cassandra'/);
    assert.ok(!error.message.includes(secret), 'password not in the message');
    assert.ok(!String((error as Error).stack).includes(secret), 'password not in the stack');
    return true;
  });
  await wrong.close();
  const none = cassandraJournal(AUTH);
  await assert.rejects(none.keyspaces(), (error: unknown) => {
    assert.ok(error instanceof AuthenticationError);
    assert.match(error.message, /pass credentials: \{ username, password \}/);
    return true;
  });
  await none.close();
  const right = cassandraJournal({ ...AUTH, credentials: { username: 'cassandra', password: 'cassandra' } });
  assert.ok(Array.isArray(await right.keyspaces()));
  await right.close();
});
