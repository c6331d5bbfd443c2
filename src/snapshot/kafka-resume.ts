// eventStream({ from: { snapshot } }): the offsets a saved stream window reached, read from the
// file's metadata (saveTable records, per topic-partition, the offset after its last record).
import { OptionError, SnapshotError } from '../errors.js';
import { readSnapshotInfo } from './snapshot-file.js';

/** Whether `from` asks to resume from a snapshot. */
export function isSnapshotFrom(from: unknown): from is { snapshot: string } {
  return typeof from === 'object' && from !== null && !(from instanceof Date) && 'snapshot' in from;
}

/**
 * The start offsets recorded in a saved window, for `topics`.
 *
 * @example
 * resumeOffsets('window.arrow', ['events']) // { offsets: [{ topic: 'events', partition: 0, offset: '1200' }] }
 */
export function resumeOffsets(path: unknown, topics: readonly string[]): { offsets: { topic: string; partition: number; offset: string }[] } {
  if (typeof path !== 'string' || path === '') {
    throw new OptionError('from', `from: { snapshot } needs the path of a saved stream window, got ${JSON.stringify(path)}.`);
  }
  const info = readSnapshotInfo(path);
  const offsets = info.kafka?.offsets ?? [];
  const mine = offsets.filter((o) => topics.includes(o.topic));
  if (mine.length === 0) {
    const saved = [...new Set(offsets.map((o) => o.topic))];
    throw new SnapshotError(path, 'mismatch', `Snapshot '${path}' records no Kafka offsets for ${topics.map((t) => `'${t}'`).join(', ')} ` +
      `(${saved.length ? `it has offsets of ${saved.map((t) => `'${t}'`).join(', ')}` : 'it is not a saved stream window'}). ` +
      `Resume from a file written by saveTable(stream.window(), path), or pass from: 'earliest' or 'latest'.`);
  }
  return { offsets: mine.map((o) => ({ topic: o.topic, partition: o.partition, offset: o.nextOffset })) };
}
