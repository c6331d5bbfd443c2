// UTF-8 bytes → string. The Cassandra driver and kafkajs hand out Node Buffers, whose native
// toString is the fastest path; plain Uint8Arrays go through one shared TextDecoder.

const decoder = new TextDecoder('utf-8');

/**
 * Decodes UTF-8 (invalid sequences become U+FFFD, as in Java's `new String(bytes, UTF_8)`).
 *
 * @example
 * stringFromUtf8(new Uint8Array([104, 105])); // 'hi'
 */
export function stringFromUtf8(bytes: Uint8Array, start = 0, end = bytes.length): string {
  if (Buffer.isBuffer(bytes)) return bytes.toString('utf8', start, end);
  return decoder.decode(start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end));
}
