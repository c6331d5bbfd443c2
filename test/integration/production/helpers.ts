// The auth Cassandra of scripts/services (cassandra-auth: PasswordAuthenticator, CassandraAuthorizer,
// optional TLS on 127.0.0.1:9142) and the secured Kafka (kafka-secure: SSL, SASL_SSL, ACLs), with the
// throwaway CA that scripts/services made. Keyspaces, topics and groups of these tests start with prod_.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cassandra from 'cassandra-driver';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SERVICES_DIR = process.env.JOURNAL_LENS_SERVICES_DIR ?? path.join(REPO, '.cache/services');
export const TLS_DIR = path.join(SERVICES_DIR, 'tls');
export const AUTH_PORT = Number(process.env.JOURNAL_LENS_CASSANDRA_AUTH_PORT ?? 9142);
export const AUTH_CONTACT = { contactPoints: [`127.0.0.1:${AUTH_PORT}`], localDataCenter: 'datacenter1' };
export const SUPERUSER = { username: 'cassandra', password: 'cassandra' };
export const KAFKA_SECURE = {
  internal: `127.0.0.1:${process.env.JOURNAL_LENS_KAFKA_SECURE_PORT ?? 9392}`,
  ssl: `127.0.0.1:${process.env.JOURNAL_LENS_KAFKA_SECURE_SSL_PORT ?? 9394}`,
  saslSsl: `127.0.0.1:${process.env.JOURNAL_LENS_KAFKA_SECURE_SASL_SSL_PORT ?? 9395}`,
};

export const caPem = (): Buffer => fs.readFileSync(path.join(TLS_DIR, 'ca.pem'));
export const otherCaPem = (): Buffer => fs.readFileSync(path.join(TLS_DIR, 'other-ca.pem'));

/** A superuser session on cassandra-auth (plain, for set-up and clean-up). */
export async function authAdmin(): Promise<cassandra.Client> {
  const client = new cassandra.Client({
    ...AUTH_CONTACT, authProvider: new cassandra.auth.PlainTextAuthProvider(SUPERUSER.username, SUPERUSER.password),
    socketOptions: { readTimeout: 60_000 },
  });
  await client.connect();
  return client;
}
