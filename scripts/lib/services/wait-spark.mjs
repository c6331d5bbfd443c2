// Readiness probe used by scripts/services for the Spark Connect server: waits until the gRPC server on the port
// completes an HTTP/2 handshake (a bare TCP connect can succeed before the gRPC service is bound).
//
// Usage: node wait-spark.mjs --port 15002 [--pid 1234] [--timeout 240] [--once]
// Exit 0 when ready; 1 on timeout; 2 when --pid died first.
import grpc from '@grpc/grpc-js';
import { waitUntilReady } from './wait-until-ready.mjs';

async function probe(values) {
  const client = new grpc.Client(`${values.host}:${values.port}`, grpc.credentials.createInsecure());
  try {
    await new Promise((resolve, reject) =>
      client.waitForReady(Date.now() + 3000, (error) => (error ? reject(error) : resolve())));
    return 'gRPC';
  } finally {
    client.close();
  }
}

await waitUntilReady({ what: 'Spark Connect', defaultPort: '15002', probe });
