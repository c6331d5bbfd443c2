// Every error the library throws. One base class; context lives in fields as well as in the
// one-paragraph message (what happened, what was tried, what to do), so code can act on it.

export interface JournalLensErrorOptions {
  cause?: unknown;
  /** What to do about it; appended to the message. */
  hint?: string;
  /** True when the same call may succeed later (network, broker restart). Bugs are never retriable. */
  retriable?: boolean;
}

/** Base class: `hint` says what to do, `retriable` whether trying again can help. */
export class JournalLensError extends Error {
  readonly hint: string | undefined;
  readonly retriable: boolean;

  constructor(message: string, options: JournalLensErrorOptions = {}) {
    super(options.hint ? `${message} ${options.hint}` : message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
    this.retriable = options.retriable ?? false;
  }
}

/** An option passed to a public function has a wrong type or value. */
export class OptionError extends JournalLensError {
  constructor(readonly option: string, message: string, options?: JournalLensErrorOptions) {
    super(message, options);
  }
}

/** A server could not be reached (Cassandra contact points, Kafka brokers). */
export class ConnectionError extends JournalLensError {
  constructor(readonly endpoints: string[], message: string, options?: JournalLensErrorOptions) {
    super(message, { retriable: true, ...options });
  }
}

/** The server refused the credentials. */
export class AuthenticationError extends JournalLensError {
  constructor(readonly endpoints: string[], message: string, options?: JournalLensErrorOptions) {
    super(message, options);
  }
}

/** A keyspace, table or topic (`missing`) that does not exist; `available` lists what does. */
export class NotFoundError extends JournalLensError {
  constructor(
    readonly kind: 'keyspace' | 'table' | 'topic',
    readonly missing: string,
    readonly available: string[],
    message: string,
    options?: JournalLensErrorOptions,
  ) {
    super(message, options);
  }
}

/** A table that exists but is not an akka-persistence journal; `missingColumns` says why. */
export class NotAJournalError extends JournalLensError {
  constructor(
    readonly keyspace: string,
    readonly table: string,
    readonly missingColumns: string[],
    message: string,
    options?: JournalLensErrorOptions,
  ) {
    super(message, options);
  }
}

/** A payload that no registered decoder could turn into a value. */
export class DecodeError extends JournalLensError {
  constructor(
    readonly serializerId: number,
    readonly manifest: string,
    message: string,
    options?: JournalLensErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * One event exceeded a decoder budget (`limit`, e.g. 'maxEventBytes', whose value was `value`):
 * that row becomes undecodable, the load or stream goes on. Raise it with the `limits` option.
 */
export class LimitExceededError extends JournalLensError {
  constructor(readonly limit: string, readonly value: number, message: string, options?: JournalLensErrorOptions) {
    super(message, options);
  }
}

/** A query failed after its retries; `attempts` says how often it was tried. */
export class QueryError extends JournalLensError {
  constructor(readonly attempts: number, message: string, options?: JournalLensErrorOptions) {
    super(message, options);
  }
}

/** Inline chart data above the row limit (the counterpart of Altair's MaxRowsError). */
export class MaxRowsError extends JournalLensError {
  constructor(readonly rows: number, readonly maxRows: number, message: string, options?: JournalLensErrorOptions) {
    super(message, options);
  }
}

/** A chart could not be rendered or saved. */
export class RenderError extends JournalLensError {}

/** A stream could not be started or failed while running. */
export class StreamError extends JournalLensError {}

/**
 * A stream refused to touch a consumer group (`groupId`) that others use: `problem` says how
 * ('live-members': it has active members a join would take partitions from; 'would-move-offsets':
 * `commit: true` with `from` would move its committed offsets). `members` are the client ids seen.
 */
export class ConsumerGroupError extends JournalLensError {
  constructor(
    readonly groupId: string,
    readonly problem: 'live-members' | 'would-move-offsets',
    readonly members: string[],
    message: string,
    options?: JournalLensErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * A snapshot file that cannot be written or read, or that does not match the load asking for it.
 * `problem` names the case; `path` is the file.
 */
export class SnapshotError extends JournalLensError {
  constructor(
    readonly path: string,
    readonly problem: 'unwritable' | 'missing' | 'truncated' | 'foreign' | 'newer-version' | 'mismatch',
    message: string,
    options?: JournalLensErrorOptions,
  ) {
    super(message, options);
  }
}
