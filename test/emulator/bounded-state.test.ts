import assert from 'node:assert/strict';
import { deriveDeviceKey } from '../../src/emulator/index.js';
import { RetryAfterSchedule } from '../../src/dps/retry-after-wait.js';
import { Enrollments } from '../../src/emulator/core/enrollments.js';
import { OPERATIONS_KEPT, RegistrationBook, type Operation } from '../../src/emulator/core/registration-book.js';

describe('emulator state stays bounded', () => {
  it('keeps only the latest operations of a registration', () => {
    const book = new RegistrationBook();
    const record = book.getOrCreate('dev-ops', '2020-01-01T00:00:00.0000000Z');
    const view = { kind: 'group', id: 'g', provisioningStatus: 'enabled', createdDateTimeUtc: '', lastUpdatedDateTimeUtc: '', etag: '""' } as const;
    const ids: string[] = [];
    for (let i = 0; i < OPERATIONS_KEPT + 5; i += 1) {
      const operation: Operation = { operationId: `op-${i}`, registrationId: 'dev-ops', dialect: 'ga', enrollment: view, hasData: false, pollsAnswered: 0, schedule: new RetryAfterSchedule() };
      book.addOperation(record, operation);
      ids.push(operation.operationId);
    }
    assert.deepEqual([...record.operations.keys()], ids.slice(-OPERATIONS_KEPT));
  });

  it('forgets the oldest registrations beyond its limit', () => {
    const book = new RegistrationBook(3);
    for (const id of ['a', 'b', 'c', 'd', 'e']) book.getOrCreate(id, '2020-01-01T00:00:00.0000000Z');
    assert.deepEqual(
      book.all().map((r) => r.registrationId),
      ['c', 'd', 'e'],
    );
    assert.equal(book.get('A'), undefined);
    assert.equal(book.get('E')?.registrationId, 'e', 'still case-insensitive');
  });

  it('derives a group device key once per registration ID, keyed by its exact spelling', () => {
    const groupKey = Buffer.alloc(64, 7).toString('base64');
    const enrollments = new Enrollments([{ groupId: 'g', primaryKey: groupKey }]);
    const first = enrollments.candidates('Dev-Cache');
    assert.equal(enrollments.candidates('Dev-Cache'), first, 'the second request reuses the derived keys');
    assert.deepEqual(first[0]?.keys, [deriveDeviceKey(groupKey, 'Dev-Cache')]);
    assert.deepEqual(enrollments.candidates('dev-cache')[0]?.keys, [deriveDeviceKey(groupKey, 'dev-cache')], 'another spelling signs with another key');
  });
});
