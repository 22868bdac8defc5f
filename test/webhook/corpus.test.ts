import assert from 'node:assert/strict';
import { getSchemaRegistry } from '../../src/schemas/schema-registry.js';
import { DIALECTS } from '../../src/results/check-result.js';
import { loadCorpus, readCorpusEntries } from '../../suites/corpus/load-corpus.js';
import { corpusSkipReason, deviceDataFor, registrationIdFor, type CorpusCase } from '../../suites/corpus/corpus-case.js';
import { corpusProblems } from '../../suites/corpus/validate-corpus.js';
import { parseShard, shardItems } from '../../suites/corpus/shard-cases.js';

const corpus = loadCorpus();
const byId = (id: string): CorpusCase => {
  const entry = corpus.find((c) => c.id === id);
  assert.ok(entry, `corpus case ${id}`);
  return entry;
};
const some = (predicate: (c: CorpusCase) => boolean): boolean => corpus.some(predicate);

describe('the case corpus', () => {
  it('validates every data file entry against harness/corpus', () => {
    for (const { source, index, value } of readCorpusEntries()) {
      const outcome = getSchemaRegistry().validate('harness/corpus', undefined, value);
      assert.ok(outcome.valid, `${source}[${index}]: ${JSON.stringify(outcome.errors)}`);
    }
    assert.deepEqual(corpusProblems(readCorpusEntries()), []);
  });

  it('catches what the schema cannot: duplicate ids, ga data that is not an object, TPM groups, dataJson that is not JSON, example members the data lacks', () => {
    const base = { title: 't', dialects: ['ga', 'preview'], enrollment: 'group', attestation: 'symmetricKey', linkedHubs: ['h.azure-devices.net'] };
    const problems = corpusProblems([
      { source: 'f', index: 0, value: { ...base, id: 'same' } },
      { source: 'f', index: 1, value: { ...base, id: 'SAME' } },
      { source: 'f', index: 2, value: { ...base, id: 'arr', data: [1] } },
      { source: 'f', index: 3, value: { ...base, id: 'tpm', attestation: 'tpm' } },
      { source: 'f', index: 4, value: { ...base, id: 'raw', dataJson: '{oops' } },
      { source: 'f', index: 5, value: { ...base, id: 'both', data: {}, dataJson: '{}' } },
      { source: 'f', index: 6, value: { ...base, id: 'example', data: { modelId: 'm' }, exampleMembers: ['modelId', 'modelID'] } },
    ]);
    assert.equal(problems.length, 6, problems.join('\n'));
    assert.match(problems.join('\n'), /exampleMembers names "modelID", which is not a member/);
    assert.match(problems.join('\n'), /duplicate id/);
    assert.match(problems.join('\n'), /ga device data must be a JSON object/);
    assert.match(problems.join('\n'), /TPM/);
    assert.match(problems.join('\n'), /dataJson is not JSON text/);
  });

  it('covers enrollments, attestations, reprovisioning and hub counts', () => {
    for (const enrollment of ['individual', 'group']) assert.ok(some((c) => c.enrollment === enrollment), enrollment);
    for (const attestation of ['symmetricKey', 'x509', 'tpm']) assert.ok(some((c) => c.attestation === attestation), attestation);
    assert.ok(some((c) => c.reprovision !== undefined) && some((c) => c.reprovision === undefined));
    assert.ok(some((c) => c.linkedHubs.length === 1) && some((c) => c.linkedHubs.length >= 5));
    assert.ok(some((c) => c.requestExtras?.topLevel !== undefined) && some((c) => c.requestExtras?.deviceRuntimeContext !== undefined));
    assert.match(String((byId('pnp-model-id').data as { modelId: string }).modelId), /^dtmi:/);
  });

  it('covers the data shapes, numbers and text the issue lists', () => {
    assert.equal(deviceDataFor(byId('data-absent'), 'ga'), undefined);
    assert.deepEqual(deviceDataFor(byId('data-empty-object'), 'ga')?.value, {});
    assert.equal(deviceDataFor(byId('data-top-null'), 'preview')?.json, 'null');
    const big = deviceDataFor(byId('numbers-beyond-2-53'), 'ga');
    assert.match(big?.json ?? '', /9007199254740993/, 'raw text keeps digits JSON.parse would lose');
    assert.notEqual(String((big?.value as { next: number }).next), '9007199254740993');
    for (const id of ['numbers-integers', 'numbers-negative', 'numbers-fractions', 'numbers-exponents', 'data-booleans', 'data-null-members', 'data-arrays', 'data-nested', 'data-flat']) byId(id);
    for (const id of ['text-accents', 'text-cjk', 'text-right-to-left', 'text-emoji-astral', 'text-combining-marks', 'text-escaped-controls']) byId(id);
    assert.ok(/[\u{10000}-\u{10FFFF}]/u.test(JSON.stringify(byId('text-emoji-astral').data)), 'astral characters');
  });

  it('nests 32 levels deep and has a case close to the 96 KB message limit', () => {
    const depth = (v: unknown): number => (v !== null && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v).map(depth)) : 0);
    assert.ok(depth(byId('nesting-32-objects').data) >= 32);
    assert.ok(depth(byId('nesting-32-mixed').data) >= 32);
    assert.ok(JSON.stringify(byId('size-near-limit').data).length > 90_000);
  });

  it('has every case in both dialects, skipping in ga only what ga cannot carry, with a reason', () => {
    for (const entry of corpus) {
      assert.deepEqual([...entry.dialects].sort(), [...DIALECTS], entry.id);
      assert.equal(corpusSkipReason(entry, 'preview'), undefined, entry.id);
      const reason = corpusSkipReason(entry, 'ga');
      if (reason !== undefined) assert.ok(entry.skip?.ga === reason && reason.length > 20);
    }
    assert.throws(() => deviceDataFor(byId('data-top-array'), 'ga'), /must be a JSON object/);
  });

  it('derives registration IDs that DPS accepts', () => {
    for (const entry of corpus) assert.match(registrationIdFor(entry), /^[A-Za-z0-9](?:[A-Za-z0-9._:-]{0,126}[A-Za-z0-9-])?$/);
  });

  it('splits a list into shards deterministically, and rejects a bad --shard', () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    const shards = [1, 2, 3].map((index) => shardItems(items, { index, count: 3 }));
    assert.deepEqual(shards.flat().sort((a, b) => a - b), items);
    assert.deepEqual(shardItems(items, parseShard('2/3')), shards[1]);
    for (const bad of ['0/3', '4/3', '1', 'a/b', '1/0']) assert.throws(() => parseShard(bad), /--shard takes i\/n/);
  });
});
