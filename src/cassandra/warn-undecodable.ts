// The one warning a Cassandra load gives about events it could not decode: what, how many of which
// serializer, and the option that fixes it. De-duplicated per table and serializer set (util/warn.ts).
import { warn } from '../util/warn.js';

/** What one load counted about its undecodable events. */
export interface UndecodableCounts {
  rows: number;
  undecodable: number;
  /** By 'serializerId' or 'serializerId:manifest'. */
  undecodableBy: Record<string, number>;
  /** Those that exceeded a decoder budget (decode/limits.ts): their advice differs. */
  overLimit: number;
}

/**
 * Warns once about the undecodable events of `keyspace.table` (nothing when there are none).
 *
 * @example
 * warnUndecodable('akka', 'messages', { rows: 100, undecodable: 2, undecodableBy: { '9001': 2 }, overLimit: 0 });
 */
export function warnUndecodable(keyspace: string, table: string, counts: UndecodableCounts): void {
  const { rows, undecodable, undecodableBy, overLimit } = counts;
  if (undecodable === 0) return;
  const by = Object.entries(undecodableBy).map(([key, n]) => `serializer ${key.replace(':', ", manifest '")}' ×${n}`).join('; ');
  const firstId = Object.keys(undecodableBy)[0]!.split(':')[0];
  warn(`${undecodable} of ${rows} events in ${keyspace}.${table} could not be decoded (${by}). They are kept: ` +
    `column decodeError says why and column raw holds their bytes. Register a decoder with ` +
    `cassandraJournal({ decoders: { '${firstId}': (bytes, manifest) => … } }).` +
    (overLimit > 0 ? ` ${overLimit} of them exceeded a decoder limit, which their decodeError names: raise it with cassandraJournal({ limits: { … } }).` : ''),
    `undecodable:${keyspace}.${table}:${Object.keys(undecodableBy).join(',')}`);
}
