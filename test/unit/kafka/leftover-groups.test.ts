// kafkajs's deleteGroups failure → the groups deleted and the ones refused (leftover-groups.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { refusalsOf } from '../../../src/kafka/leftover-groups.js';
import { THROWAWAY_GROUP_PREFIX } from '../../../src/kafka/group-safety.js';

test('a partly refused delete: NON_EMPTY_GROUP is refused, GROUP_ID_NOT_FOUND counts as gone', () => {
  const error = Object.assign(new Error('Error in DeleteGroups'), {
    name: 'KafkaJSDeleteGroupsError',
    groups: [
      { groupId: 'a', errorCode: 68, error: { type: 'NON_EMPTY_GROUP' } },
      { groupId: 'b', errorCode: 69, error: { type: 'GROUP_ID_NOT_FOUND' } },
    ],
  });
  assert.deepEqual(refusalsOf(error, ['a', 'b', 'c']), { deleted: ['b', 'c'], refused: [{ groupId: 'a', reason: 'NON_EMPTY_GROUP' }] });
});

test('a failure without per-group results refuses them all with its message', () => {
  assert.deepEqual(refusalsOf(new Error('Connection timeout'), ['a']), { deleted: [], refused: [{ groupId: 'a', reason: 'Connection timeout' }] });
});

test('throwaway groups share one recognizable prefix', () => {
  assert.equal(THROWAWAY_GROUP_PREFIX, 'journal-lens-throwaway-');
});
