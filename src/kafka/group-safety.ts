// A stream given a `groupId` joins a group that production consumers may be using. Joining a group
// with live members triggers a rebalance that hands the new member partitions the real consumers
// were reading; with `commit: true`, seeking to `from` and committing moves the group's offsets.
// Both are checked before the first join and refused unless the user names the risk.
import type { Admin } from 'kafkajs';
import { ConsumerGroupError } from '../errors.js';
import type { PartitionOffset } from './start-offsets.js';

/** Every throwaway group a stream makes starts with this (see leftover-groups.ts). */
export const THROWAWAY_GROUP_PREFIX = 'journal-lens-throwaway-';

// Group states in which members hold (or are being given) partitions.
const LIVE_STATES = new Set(['Stable', 'PreparingRebalance', 'CompletingRebalance', 'Assigning', 'Reconciling']);

/**
 * Throws ConsumerGroupError('live-members') when `groupId` has active members.
 *
 * @example
 * await assertGroupIdle(admin, 'billing-projection');
 */
export async function assertGroupIdle(admin: Admin, groupId: string): Promise<void> {
  const { groups } = await admin.describeGroups([groupId]);
  const group = groups.find((g) => g.groupId === groupId);
  if (group === undefined || group.members.length === 0 || !LIVE_STATES.has(group.state)) return;
  const members = group.members.map((m) => `${m.clientId}@${m.clientHost}`);
  throw new ConsumerGroupError(groupId, 'live-members', members,
    `Consumer group '${groupId}' has ${members.length} active member${members.length === 1 ? '' : 's'} (${members.slice(0, 5).join(', ')}` +
    `${members.length > 5 ? ', …' : ''}; state ${group.state}). Joining it would rebalance the group and take partitions away from those ` +
    'consumers for as long as the stream runs, so the stream did not start.',
    { hint: 'Leave out groupId (the stream then reads as a throwaway group of its own and disturbs nobody), or, if taking partitions from ' +
      'the live consumers is what you want, pass takePartitionsFromLiveConsumers: true.' });
}

/**
 * With `commit: true` and `from`, the first seek would move the group's committed offsets: throws
 * ConsumerGroupError('would-move-offsets') listing the partitions whose committed offset differs
 * from the start offset.
 *
 * @example
 * await assertOffsetsKept(admin, 'billing-projection', ['events'], startAt);
 */
export async function assertOffsetsKept(admin: Admin, groupId: string, topics: readonly string[], startAt: readonly PartitionOffset[]): Promise<void> {
  const wanted = new Map(startAt.map((p) => [`${p.topic}/${p.partition}`, p.offset]));
  const moved: string[] = [];
  for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics: [...topics] })) {
    for (const { partition, offset } of partitions) {
      const to = wanted.get(`${topic}/${partition}`);
      if (offset !== '-1' && to !== undefined && to !== offset) moved.push(`${topic}/${partition} ${offset} → ${to}`);
    }
  }
  if (moved.length === 0) return;
  throw new ConsumerGroupError(groupId, 'would-move-offsets', [],
    `Consumer group '${groupId}' has committed offsets that \`from\` with commit: true would move (${moved.slice(0, 6).join(', ')}` +
    `${moved.length > 6 ? `, and ${moved.length - 6} more` : ''}); every consumer of the group would then skip or re-read those records, ` +
    'so the stream did not start.',
    { hint: 'Drop `from` to resume from the committed offsets, or drop `commit` to read from `from` without moving the group, or pass ' +
      'moveCommittedOffsets: true if moving them is what you want.' });
}
