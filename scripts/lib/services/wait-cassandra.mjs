// Readiness probe used by scripts/services: polls `SELECT release_version FROM system.local` through the real
// Node driver until it answers. An open TCP port is not enough: with PasswordAuthenticator the superuser role is
// created a moment after the port opens, so we only call the node ready once an authenticated query succeeds.
//
// Usage: node wait-cassandra.mjs --port 9042 [--user cassandra --password cassandra] [--pid 1234] [--timeout 240]
// Exit 0 and prints the release version when ready; 1 on timeout; 2 when --pid died first.
import cassandra from 'cassandra-driver';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '9042' },
    user: { type: 'string' },
    password: { type: 'string' },
    pid: { type: 'string' },
    timeout: { type: 'string', default: '240' },
    once: { type: 'boolean', default: false },
  },
});

const deadline = Date.now() + Number(values.timeout) * 1000;
const pid = values.pid ? Number(values.pid) : undefined;

function alive(p) {
  try {
    process.kill(p, 0);
    return true;
  } catch {
    return false;
  }
}

async function probe() {
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

let lastError = '';
for (;;) {
  if (pid !== undefined && !alive(pid)) {
    console.error(`process ${pid} exited before answering CQL (last error: ${lastError || 'none'})`);
    process.exit(2);
  }
  try {
    const version = await probe();
    console.log(version);
    process.exit(0);
  } catch (err) {
    lastError = String(err?.message ?? err).split('\n')[0];
  }
  if (values.once || Date.now() > deadline) {
    console.error(`no CQL answer on ${values.host}:${values.port} (last error: ${lastError})`);
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 1000));
}
