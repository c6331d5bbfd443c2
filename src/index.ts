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

// --- cassandra journal ---

// --- kafka streams ---

// --- charts and notebook display ---
