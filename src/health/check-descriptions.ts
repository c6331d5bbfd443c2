// What each health check means and the usual fix, one sentence each: the `summary` table's text.
// docs/health-checks.md explains each in full.

/** Names of the checks, in report order. */
export const CHECK_NAMES = [
  'gaps', 'duplicates', 'forks', 'partitionHoles',
  'tagViewsMissing', 'tagViewsExtra', 'tagPidSequenceGaps', 'tagWriteLag',
  'allPersistenceIdsMissing', 'allPersistenceIdsExtra',
] as const;

export type CheckName = (typeof CHECK_NAMES)[number];

export const CHECK_TEXT: Record<CheckName, { meaning: string; fix: string }> = {
  gaps: {
    meaning: 'Sequence numbers above deleted_to that no row holds: a replay or eventsByPersistenceId sees the events jump, and gap detection fails with "still missing".',
    fix: 'Find the lost writes (a failed batch, a restore from backup) and re-insert them, or move deleted_to past the gap if the events are truly gone.',
  },
  duplicates: {
    meaning: 'The same (persistenceId, sequenceNr) was written more than once; a replay keeps only the newest writer\'s row and drops the others.',
    fix: 'Decide which writer is right, delete the other rows, and find why two incarnations ran at once (usually a split brain or two clusters on one keyspace).',
  },
  forks: {
    meaning: 'Two writer incarnations wrote overlapping sequence numbers for one entity, the split-brain signature: each side built its state from events the other did not see.',
    fix: 'Enable a split-brain resolver (or Akka Cluster Sharding with a downing provider), then reconcile the entity by hand from both writers\' events.',
  },
  partitionHoles: {
    meaning: 'An empty partition lies between partitions with events: a replay stops at the hole and never sees the events after it.',
    fix: 'Re-insert the lost partition\'s events, or move them so that partition_nr follows the plugin\'s formula again.',
  },
  tagViewsMissing: {
    meaning: 'A tagged event that tag_write_progress says was written (or that is older than the window) has no tag_views row: eventsByTag never delivers it.',
    fix: 'Rebuild the tag views for the affected ids (Reconciliation.rebuildTagViewForPersistenceIds in akka-persistence-cassandra).',
  },
  tagViewsExtra: {
    meaning: 'A tag_views row whose event is not in the journal with that tag (and was not deleted): eventsByTag delivers an event a replay never sees.',
    fix: 'Delete the stray tag_views rows, or rebuild the tag views for the affected ids.',
  },
  tagPidSequenceGaps: {
    meaning: 'tag_pid_sequence_nr skips numbers for a (tag, persistenceId): eventsByTag waits for the missing one and then reports it as missing or fails.',
    fix: 'Rebuild the tag views for the affected ids so that tag_pid_sequence_nr is gap-free again.',
  },
  tagWriteLag: {
    meaning: 'Tagged events not yet in tag_views: lag when newer than the window (the plugin writes tag views after the events), a stuck tag writer when older.',
    fix: 'Within the window nothing; beyond it, check the tag writer\'s logs and restart the entity, which flushes its pending tag writes on recovery.',
  },
  allPersistenceIdsMissing: {
    meaning: 'Ids with events that all_persistence_ids does not list: the persistenceIds() query never returns them.',
    fix: 'Back-fill all_persistence_ids for these ids (Reconciliation.rebuildAllPersistenceIds, or one INSERT per id).',
  },
  allPersistenceIdsExtra: {
    meaning: 'all_persistence_ids lists ids with no events and no delete record: persistenceIds() returns ids that replay nothing.',
    fix: 'Delete the stray rows, or find the keyspace their events went to.',
  },
};
