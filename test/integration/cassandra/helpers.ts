// Shared set-up of the Cassandra integration tests: a real Cassandra (scripts/services start) and
// journals written by the project's independent journal writer (scripts/journal/writer.ts).
import cassandra from 'cassandra-driver';
import { createJournalWriter, type JournalEvent, type JournalWriterOptions, type JournalWriter } from '../../../scripts/journal/writer.js';

export const CONTACT = { contactPoints: ['127.0.0.1'], localDataCenter: 'datacenter1' };

/** A writer into a fresh keyspace (dropped first, so every run starts clean). */
export async function freshWriter(options: JournalWriterOptions & { keyspace: string }): Promise<JournalWriter> {
  const admin = new cassandra.Client(CONTACT);
  await admin.execute(`DROP KEYSPACE IF EXISTS ${options.keyspace}`);
  await admin.shutdown();
  return createJournalWriter({ ...CONTACT, ...options });
}

export async function dropKeyspace(keyspace: string): Promise<void> {
  const admin = new cassandra.Client(CONTACT);
  await admin.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
  await admin.shutdown();
}

/** `count` JSON events of one persistence id, from sequence number `from`. */
export function jsonEvents(persistenceId: string, count: number, from = 1, start = Date.UTC(2026, 10, 1)): JournalEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    persistenceId,
    sequenceNr: from + i,
    serializer: 'jackson-json' as const,
    manifest: 'com.example.Counter$Incremented',
    event: { by: from + i, note: `event ${from + i}` },
    timestamp: new Date(start + (from + i) * 60_000),
  }));
}
