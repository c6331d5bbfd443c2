// A stream on a topic that does not exist would wait forever (or auto-create it); check first.
import type { Admin } from 'kafkajs';
import { NotFoundError } from '../errors.js';

/**
 * Throws a NotFoundError naming the missing topics and listing the ones that exist (internal
 * topics such as __consumer_offsets left out). Call it before subscribing.
 *
 * @example
 * await assertTopicsExist(admin, ['events']);
 */
export async function assertTopicsExist(admin: Admin, topics: readonly string[]): Promise<void> {
  const existing = await admin.listTopics();
  const known = new Set(existing);
  const missing = topics.filter((t) => !known.has(t));
  if (missing.length === 0) return;
  const available = existing.filter((t) => !t.startsWith('__')).sort();
  const shown = available.length === 0 ? 'none' : available.slice(0, 30).join(', ') + (available.length > 30 ? `, … (${available.length} in all)` : '');
  throw new NotFoundError('topic', missing[0],
    available,
    `Kafka topic${missing.length > 1 ? 's' : ''} ${missing.map((t) => `'${t}'`).join(', ')} not found. Existing topics: ${shown}.`,
    { hint: 'Check the spelling in `topics`; journal-lens never creates topics.' });
}
