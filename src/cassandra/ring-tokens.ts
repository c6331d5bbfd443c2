// The ring's tokens as the driver learnt them from system.local/peers: the only read of the
// driver's internal metadata. (Its ringTokensAsStrings holds an internal byte rendering, not the
// number: each token's value is read instead.)
import type cassandra from 'cassandra-driver';
import { MURMUR3_MAX, MURMUR3_MIN } from './token-splits.js';

/**
 * The cluster's Murmur3 ring tokens (empty for another partitioner: even splits still cover it).
 *
 * @example
 * const splits = tokenSplits(ringTokens(client), 32);
 */
export function ringTokens(client: cassandra.Client): bigint[] {
  const ring = (client.metadata as unknown as { ring?: Array<{ getValue(): { toString(): string } }> }).ring ?? [];
  const tokens: bigint[] = [];
  for (const token of ring) {
    try {
      const value = BigInt(token.getValue().toString());
      if (value > MURMUR3_MIN && value < MURMUR3_MAX) tokens.push(value);
    } catch {
      // not a Murmur3 token (another partitioner): even splits of the whole range still cover it
    }
  }
  return tokens;
}
