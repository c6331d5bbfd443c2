// Readiness probe used by scripts/services: polls `SELECT release_version FROM system.local` through the real
// Node driver until it answers. An open TCP port is not enough: with PasswordAuthenticator the superuser role is
// created a moment after the port opens, so we only call the node ready once an authenticated query succeeds.
//
// Usage: node wait-cassandra.mjs --port 9042 [--user cassandra --password cassandra] [--pid 1234] [--timeout 240]
// Exit 0 and prints the release version when ready; 1 on timeout; 2 when --pid died first.
import cassandra from 'cassandra-driver';
import { waitUntilReady } from './wait-until-ready.mjs';

async function probe(values) {
  const client = new cassandra.Client({
    contactPoints: [`${values.host}:${values.port}`],
    localDataCenter: 'datacenter1',
    authProvider: values.user ? new cassandra.auth.PlainTextAuthProvider(values.user, values.password ?? '') : undefined,
    socketOptions: { connectTimeout: 2000, readTimeout: 5000 },
    // One attempt per probe: the outer loop does the retrying.
    policies: { reconnection: new cassandra.policies.reconnection.ConstantReconnectionPolicy(60_000) },
  });
  try {
    await client.connect();
    const rs = await client.execute('SELECT release_version FROM system.local');
    return rs.first()?.release_version ?? 'unknown';
  } finally {
    await client.shutdown().catch(() => {});
  }
}

await waitUntilReady({
  what: 'CQL',
  defaultPort: '9042',
  extraOptions: { user: { type: 'string' }, password: { type: 'string' } },
  probe,
});
