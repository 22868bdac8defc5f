import type { TranscriptEntry } from '../../../src/emulator/index.js';
import { jsonDifference } from '../../../src/adapters/json-difference.js';
import { CheckSkipped } from '../../../src/results/check-outcome-errors.js';
import type { RegistrationRun } from '../registration-run.js';
import type { Verdicts } from '../check-support.js';
import { brief } from '../check-support.js';
import { dataMember, isObject, registerEntries, requestBody, roundBigInts, type JsonObject } from '../transcript-reading.js';

interface RegisterBody {
  entry: TranscriptEntry;
  body: JsonObject;
  exact: boolean;
  /** set when the emulator refused the request (then the caller fails it after its own comparison) */
  refusal?: { reason: string; detail: string };
}

/**
 * Every register body of the run, each a JSON object without the other dialect's member; the first
 * that is not fails `device.data.sent` here. Shared by the device suite and `emulate`'s grading.
 */
function registerBodies(run: Pick<RegistrationRun, 'dialect' | 'entries'>, v: Verdicts): RegisterBody[] {
  const member = dataMember(run.dialect);
  const other = run.dialect === 'ga' ? 'data' : 'payload';
  const registers = registerEntries(run.entries);
  if (registers.length === 0) v.fail('expected a register request, the emulator received none', { mismatch: 'missing-request' });
  return registers.map((entry) => {
    const refusal = entry.kind === 'unexpected' ? entry.notes?.unexpected : undefined;
    const { value, exact } = requestBody(entry);
    if (!isObject(value)) {
      v.fail(`expected a register body that is a JSON object, got ${refusal ? `${refusal.reason}: ${refusal.detail}` : brief(value ?? null)}`, { mismatch: 'invalid-body', actual: value });
    }
    if (other in value) v.fail(`expected the ${run.dialect} member "${member}", got "${other}" (the other dialect's)`, { mismatch: 'wrong-dialect-member', actual: value });
    return { entry, body: value, exact, ...(refusal ? { refusal } : {}) };
  });
}

function failRefused(v: Verdicts, { refusal, body }: RegisterBody): void {
  if (refusal) v.fail(`expected a register body DPS accepts, the emulator refused it: ${refusal.reason}: ${refusal.detail}`, { mismatch: 'invalid-body', actual: body });
}

/**
 * `device.data.sent`: the data is under the dialect's member, equal to what the application gave; absent
 * when none was given. Numbers compare as doubles (JSON lets an implementation limit numbers to doubles,
 * RFC 8259 section 6): every digit beyond 2^53 is the SHOULD `device.data.bigIntegers`.
 */
export function checkDataSent(run: RegistrationRun, v: Verdicts): string {
  v.reply();
  const member = dataMember(run.dialect);
  const given = run.command.data;
  const bodies = registerBodies(run, v);
  for (const registered of bodies) {
    const value = registered.body;
    if (given === undefined) {
      // `"payload": null` means no payload to DPS (the Python SDK always sends it, docs/protocol/sdks.md)
      if (member in value && !(run.dialect === 'ga' && value[member] === null)) {
        v.fail(`expected no "${member}" (the application gave none), got ${brief(value[member])}`, { mismatch: 'unexpected-member', actual: value[member] });
      }
    } else {
      if (!(member in value)) v.fail(`expected "${member}": ${brief(given)}, got no "${member}"`, { mismatch: 'missing-field', expected: given });
      const diff = jsonDifference(roundBigInts(given), roundBigInts(value[member]));
      if (diff) {
        v.fail(`expected ${member}${diff.path} ${brief(diff.expected)}, got ${brief(diff.actual)} (${diff.kind})`, {
          mismatch: 'data-mismatch',
          expected: given,
          actual: value[member],
        });
      }
    }
    failRefused(v, registered);
  }
  const what = given === undefined ? `no "${member}"` : `"${member}" equal to the given data (numbers as doubles)`;
  return `${bodies.length} register request(s) with ${what}`;
}

/** `device.data.bigIntegers` (SHOULD): integers beyond 2^53 in the device data reach DPS with every digit. */
export function checkDataBigIntegers(run: RegistrationRun, v: Verdicts): string {
  v.reply();
  const member = dataMember(run.dialect);
  const given = run.command.data;
  for (const { body, exact } of registerBodies(run, v)) {
    if (!exact) throw new CheckSkipped('the emulator transcript holds parsed bodies, so whether every digit beyond 2^53 arrived cannot be told');
    if (!(member in body)) continue; // device.data.sent fails that
    const diff = jsonDifference(given, body[member]);
    if (diff) {
      v.fail(`expected ${member}${diff.path} ${brief(diff.expected)}, got ${brief(diff.actual)} (digits lost beyond 2^53)`, {
        mismatch: 'precision-lost',
        expected: given,
        actual: body[member],
      });
    }
  }
  return 'integers beyond 2^53 sent with every digit';
}

/**
 * `device.data.sent` as `emulate` judges it, without knowing what the application gave: each register
 * body is an object with the data (if any) under the dialect's member, valid against the dialect's
 * registration-request schema, and accepted by DPS.
 */
export function checkDataObserved(run: Pick<RegistrationRun, 'dialect' | 'entries'>, v: Verdicts): string {
  const member = dataMember(run.dialect);
  const bodies = registerBodies(run, v);
  let withData = 0;
  for (const registered of bodies) {
    const problems = (registered.entry.notes?.validation ?? []).filter((check) => !check.valid && !check.skipped);
    const first = problems[0]?.errors[0];
    if (first) {
      v.fail(`expected a register body valid against ${run.dialect}/registration-request, got ${first.path || '/'}: ${first.message}`, {
        mismatch: 'schema-mismatch',
        actual: registered.body,
      });
    }
    failRefused(v, registered);
    if (member in registered.body && registered.body[member] !== null) withData += 1;
  }
  return `${bodies.length} register request(s), valid ${run.dialect} bodies; ${withData} with "${member}"`;
}
