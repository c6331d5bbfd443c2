// Serializer identifiers of Akka / Pekko (and Lagom, krasserm akka-persistence-kafka) as stored in
// `ser_id` / PersistentPayload.serializerId. Source: docs/journal-formats.md §2, §2.2, §4.

/**
 * Serializer ids the built-in decoders know, by name.
 *
 * @example
 * registry.decode(SERIALIZER_ID.JACKSON_CBOR, 'com.example.ItemAdded', bytes);
 */
export const SERIALIZER_ID = {
  JAVA: 1,
  PROTOBUF: 2,
  BYTES: 4,
  /** akka-persistence MessageSerializer: PersistentRepr, PersistentFSM events and snapshots. */
  MESSAGE: 7,
  /** akka-persistence SnapshotSerializer (legacy `snapshot` column, Kafka snapshots). */
  SNAPSHOT: 8,
  LONG: 18,
  INT: 19,
  STRING: 20,
  BYTESTRING: 21,
  JACKSON_JSON: 31,
  /** Bound as "jackson-cbor" by Akka 2.6.0–2.6.5 but it wrote JSON: decoded as JSON. */
  JACKSON_CBOR_264: 32,
  JACKSON_CBOR: 33,
  /** FilteredPayload `F`, SerializedEvent `S`, CompositeMetadata `M` (Akka 2.8+, Pekko). */
  PERSISTENCE_PAYLOAD: 34,
  BOOLEAN: 35,
  REPLICATED_ES: 40,
  /** krasserm akka-persistence-kafka KafkaEventSerializer (the `events` topic). */
  KAFKA_EVENT: 15443,
  /** Lagom 1.5 JacksonJsonSerializer (JSON, gzip possible). */
  LAGOM_JACKSON_JSON: 1000002,
  /** Lagom PlayJsonSerializer (JSON, gzip possible). */
  LAGOM_PLAY_JSON: 1000004,
  /** Lagom 1.6 jackson-json-compressed (Akka's JacksonJsonSerializer, gzip above 32 KiB). */
  LAGOM_JACKSON_JSON_COMPRESSED: 1000005,
} as const;

const NAMES: ReadonlyMap<number, string> = new Map<number, string>([
  [0, 'null (Akka 2.3)'],
  [1, 'java'],
  [2, 'proto'],
  [4, 'bytes'],
  [7, 'persistence-message'],
  [8, 'persistence-snapshot'],
  [15442, 'kafka-snapshot'],
  [18, 'primitive-long'],
  [19, 'primitive-int'],
  [20, 'primitive-string'],
  [21, 'primitive-bytestring'],
  [31, 'jackson-json'],
  [32, 'jackson-cbor-264 (JSON)'],
  [33, 'jackson-cbor'],
  [34, 'persistence-payload'],
  [35, 'primitive-boolean'],
  [40, 'replicated-event-sourcing'],
  [15443, 'kafka-event'],
  [1000001, 'lagom-persistence-message'],
  [1000002, 'lagom-jackson-json'],
  [1000003, 'lagom-persistence-message'],
  [1000004, 'lagom-play-json'],
  [1000005, 'lagom-jackson-json-compressed'],
]);

/**
 * A readable name for a serializer id, for error messages and summaries; `serializer-<id>` when unknown.
 *
 * @example
 * serializerName(33); // 'jackson-cbor'
 */
export function serializerName(serializerId: number): string {
  return NAMES.get(serializerId) ?? `serializer-${serializerId}`;
}
