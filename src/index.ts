// The public API of journal-lens, grouped by concern. No logic lives here.

// errors
export {
  JournalLensError, OptionError, ConnectionError, AuthenticationError, NotFoundError,
  NotAJournalError, DecodeError, QueryError, MaxRowsError, RenderError, StreamError,
} from './errors.js';

// shared shapes
export type {
  DecodeFn, DecoderRegistry, DecodersOption, SerializedPayload, PersistentReprFields,
  LoadProgress, ProgressSink, MimeBundle, JournalLayoutName,
} from './types.js';

// --- decode (serializers) ---
export { createDecoderRegistry, isDecoderRegistry } from './decode/registry.js';
export { SERIALIZER_ID, serializerName } from './decode/serializer-ids.js';
export { FILTERED, isFiltered } from './decode/persistence-payload.js';
export { persistentReprFromBytes, persistentReprMetadataFromBytes } from './decode/persistent-repr.js';
export { kafkaEventFromBytes } from './decode/kafka-event.js';
export type { KafkaEvent } from './decode/kafka-event.js';
export { serializedPayloadFromSnapshot } from './decode/snapshot.js';
export { protobufDecoder, protobufDecoderDefaults } from './decode/protobuf-decoder.js';
export type {
  ProtobufSchema, ProtobufRootSchema, ProtobufSourceSchema, ProtobufDecoderOptions,
} from './decode/protobuf-decoder.js';
export { valueFromCbor } from './decode/cbor.js';
export { jsonFromJacksonBytes } from './decode/jackson-json.js';
export { valueFromJavaSerialization } from './decode/java-serialization/value-from-java-serialization.js';
export { lz4BlockDecompress } from './decode/lz4-block.js';

// --- cassandra journal ---

// --- kafka streams ---

// --- charts and notebook display ---
