// Which earlier stream a new one replaces (see stream-registry.ts). tslab does not tell a library
// which cell is running, so the identity of a stream is what it reads and how: brokers, topics,
// format, groupId and window, unless the caller names it. Re-running a cell therefore replaces
// its stream; two cells that open the very same stream must pass different `name`s to keep both.

export interface StreamKeyParts {
  name?: string;
  brokers: readonly string[];
  topics: readonly string[];
  /** 'akka', 'json', or the source text of a format function. */
  format: string;
  groupId?: string;
  window?: unknown;
}

/**
 * Returns the registry key of a stream: `name:<name>` when named, else a stable description.
 *
 * @example
 * streamKey({ brokers: ['b:9092'], topics: ['events'], format: 'akka' });
 */
export function streamKey(parts: StreamKeyParts): string {
  if (parts.name !== undefined) return `name:${parts.name}`;
  return JSON.stringify({
    brokers: [...parts.brokers].sort(),
    topics: [...parts.topics].sort(),
    format: parts.format,
    groupId: parts.groupId ?? null,
    window: parts.window ?? null,
  });
}
