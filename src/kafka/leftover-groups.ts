// Throwaway groups left behind: a kernel killed with SIGKILL never deletes its stream's group, and a
// refused delete leaves one too. They hold no offsets (streams never commit to them) and expire only
// with the broker's offsets retention, so they are listed and removed on request.
import kafkajs, { type Admin, type KafkaConfig } from 'kafkajs';
import { errorFromKafkajs } from './error-from-kafkajs.js';
import { THROWAWAY_GROUP_PREFIX } from './group-safety.js';

/**
 * Runs `work` with an admin client of its own, connected for the call only; kafkajs errors become ours.
 *
 * @example
 * const ids = await withKafkaAdmin(config, brokers, 'listing leftover groups', leftoverGroupIds);
 */
export async function withKafkaAdmin<T>(config: KafkaConfig, brokers: string[], action: string, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = new kafkajs.Kafka(config).admin();
  try {
    await admin.connect();
    return await work(admin);
  } catch (error) {
    throw errorFromKafkajs(error, brokers, action);
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

/**
 * Throwaway groups (prefix `journal-lens-throwaway-`) that have no member left, sorted.
 *
 * @example
 * const groups = await leftoverGroupIds(admin);
 */
export async function leftoverGroupIds(admin: Admin): Promise<string[]> {
  const ours = (await admin.listGroups()).groups.map((g) => g.groupId).filter((id) => id.startsWith(THROWAWAY_GROUP_PREFIX));
  if (ours.length === 0) return [];
  const { groups } = await admin.describeGroups(ours);
  return groups.filter((g) => g.members.length === 0 && (g.state === 'Empty' || g.state === 'Dead')).map((g) => g.groupId).sort();
}

/** What `deleteLeftoverGroups` did: groups deleted, and groups the broker refused with its reason. */
export interface LeftoverGroupsDeleted {
  deleted: string[];
  refused: Array<{ groupId: string; reason: string }>;
}

/**
 * Deletes the leftover throwaway groups; a group that gained a member meanwhile is refused by the
 * broker (NON_EMPTY_GROUP) and reported, not forced.
 *
 * @example
 * const { deleted, refused } = await deleteLeftoverGroupIds(admin);
 */
export async function deleteLeftoverGroupIds(admin: Admin): Promise<LeftoverGroupsDeleted> {
  const ids = await leftoverGroupIds(admin);
  if (ids.length === 0) return { deleted: [], refused: [] };
  try {
    await admin.deleteGroups(ids);
    return { deleted: ids, refused: [] };
  } catch (error) {
    return refusalsOf(error, ids);
  }
}

/** Splits a kafkajs deleteGroups failure into the groups deleted and those refused. */
export function refusalsOf(error: unknown, ids: readonly string[]): LeftoverGroupsDeleted {
  const results = (error as { groups?: Array<{ groupId: string; errorCode: number; error?: { type?: string; message?: string } }> }).groups;
  if (!Array.isArray(results)) {
    return { deleted: [], refused: ids.map((groupId) => ({ groupId, reason: error instanceof Error ? error.message : String(error) })) };
  }
  const refused = results.filter((r) => r.errorCode !== 0 && r.error?.type !== 'GROUP_ID_NOT_FOUND')
    .map((r) => ({ groupId: r.groupId, reason: r.error?.type ?? `error code ${r.errorCode}` }));
  const bad = new Set(refused.map((r) => r.groupId));
  return { deleted: ids.filter((id) => !bad.has(id)), refused };
}
