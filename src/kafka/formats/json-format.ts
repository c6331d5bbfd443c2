// JSON records: the value is one UTF-8 JSON object (the event); the persistence id is the record
// key unless `persistenceIdField` names a field of the object; the sequence number and the event
// type are fields of the object.
import { emptyChunk, markUndecodable, numberFromDecimal, reasonOf, type ChunkFromMessages } from './chunk-builder.js';

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
export function createJsonFormat(options: JsonFormatOptions = {}): ChunkFromMessages {
  const idField = options.persistenceIdField;
  const seqField = options.sequenceNrField ?? defaults.sequenceNrField;
  const typeField = options.eventTypeField ?? defaults.eventTypeField;
  return (topic, partition, messages) => {
    const n = messages.length;
    const chunk = emptyChunk(topic, partition, n);
    const { persistenceId, sequenceNr, event, eventType, offset, timestampMs } = chunk;
    for (let i = 0; i < n; i++) {
      const message = messages[i];
      offset[i] = numberFromDecimal(message.offset);
      timestampMs[i] = numberFromDecimal(message.timestamp);
      const key = message.key;
      const value = message.value;
      let object: Record<string, unknown>;
      try {
        if (value === null) throw new Error('the record has no value (a tombstone)');
        const parsed: unknown = JSON.parse(value.toString('utf8'));
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
          throw new Error(`expected a JSON object, got ${parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : typeof parsed}`);
        }
        object = parsed as Record<string, unknown>;
      } catch (error) {
        persistenceId[i] = key === null ? '' : key.toString('utf8');
        sequenceNr[i] = NaN;
        markUndecodable(chunk, i, `not a JSON object: ${reasonOf(error)}`, value);
        continue;
      }
      const id = idField === undefined ? (key === null ? undefined : key.toString('utf8')) : object[idField];
      persistenceId[i] = id === undefined || id === null ? '' : String(id);
      sequenceNr[i] = numberFrom(object[seqField]);
      const type = object[typeField];
      eventType[i] = typeof type === 'string' ? type : null;
      event[i] = object;
    }
    return chunk;
  };
}
