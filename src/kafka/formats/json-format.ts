// JSON records: the value is one UTF-8 JSON object (the event); the persistence id is the record
// key unless `persistenceIdField` names a field of the object; the sequence number and the event
// type are fields of the object.
import { keyString } from '../records/record-cursor.js';
import { emptyChunk, markUndecodable, reasonOf, trimChunk, type ChunkFromRecords } from './chunk-builder.js';

export interface JsonFormatOptions {
  /** Field holding the persistence id; default: use the record key. */
  persistenceIdField?: string;
  /** Field holding the sequence number; default 'sequenceNr'. */
  sequenceNrField?: string;
  /** Field holding the event type; default 'type'. */
  eventTypeField?: string;
}

export const defaults = {
  sequenceNrField: 'sequenceNr',
  eventTypeField: 'type',
};

function numberFrom(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value !== '') return Number(value);
  if (typeof value === 'bigint') return Number(value);
  return NaN;
}

/**
 * Creates the `json` record format. A value that is not a JSON object becomes a row with
 * `decodeError` and its bytes in `raw`. A missing sequence number is NaN (such rows are deduped
 * by offset instead); a missing persistence id is ''.
 *
 * @example
 * const toChunk = createJsonFormat({ persistenceIdField: 'cartId' });
 */
export function createJsonFormat(options: JsonFormatOptions = {}): ChunkFromRecords {
  const idField = options.persistenceIdField;
  const seqField = options.sequenceNrField ?? defaults.sequenceNrField;
  const typeField = options.eventTypeField ?? defaults.eventTypeField;
  return (topic, partition, records) => {
    const n = records.count;
    const chunk = emptyChunk(topic, partition, n);
    const { persistenceId, sequenceNr, event, eventType, offset, timestampMs } = chunk;
    let i = 0;
    for (; records.next(); i++) {
      offset[i] = records.offset;
      timestampMs[i] = records.timestampMs;
      let object: Record<string, unknown>;
      try {
        if (records.valueStart < 0) throw new Error('the record has no value (a tombstone)');
        const parsed: unknown = JSON.parse(records.valueBytes.toString('utf8', records.valueStart, records.valueEnd));
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
          throw new Error(`expected a JSON object, got ${parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : typeof parsed}`);
        }
        object = parsed as Record<string, unknown>;
      } catch (error) {
        persistenceId[i] = keyString(records);
        sequenceNr[i] = NaN;
        markUndecodable(chunk, i, `not a JSON object: ${reasonOf(error)}`, records.value());
        continue;
      }
      const id = idField === undefined ? (records.keyStart < 0 ? undefined : keyString(records)) : object[idField];
      persistenceId[i] = id === undefined || id === null ? '' : String(id);
      sequenceNr[i] = numberFrom(object[seqField]);
      const type = object[typeField];
      eventType[i] = typeof type === 'string' ? type : null;
      event[i] = object;
    }
    return trimChunk(chunk, i);
  };
}
