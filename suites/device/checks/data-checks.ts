import { jsonDifference } from '../../../src/adapters/json-difference.js';
import type { RegistrationRun } from '../registration-run.js';
import type { Verdicts } from '../check-support.js';
import { brief } from '../check-support.js';
import { dataMember, isObject, registerEntries, requestBody, roundBigInts } from '../transcript-reading.js';

/** `device.data.sent`: the data is under the dialect's member, equal to what the application gave; absent when none was given. */
export function checkDataSent(run: RegistrationRun, v: Verdicts): string {
  v.reply();
  const member = dataMember(run.dialect);
  const other = run.dialect === 'ga' ? 'data' : 'payload';
  const given = run.command.data;
  const registers = registerEntries(run.entries);
  if (registers.length === 0) v.fail('expected a register request, the emulator received none', { mismatch: 'missing-request' });
  let approximate = false;
  for (const entry of registers) {
    const refusal = entry.kind === 'unexpected' ? entry.notes?.unexpected : undefined;
    const { value, exact } = requestBody(entry);
    if (!isObject(value)) {
      v.fail(`expected a register body that is a JSON object, got ${refusal ? `${refusal.reason}: ${refusal.detail}` : brief(value ?? null)}`, { mismatch: 'invalid-body', actual: value });
    }
    if (other in value) v.fail(`expected the ${run.dialect} member "${member}", got "${other}" (the other dialect's)`, { mismatch: 'wrong-dialect-member', actual: value });
    if (given === undefined) {
      // `"payload": null` means no payload to DPS (the Python SDK always sends it, docs/protocol/sdks.md)
      if (member in value && !(run.dialect === 'ga' && value[member] === null)) {
        v.fail(`expected no "${member}" (the application gave none), got ${brief(value[member])}`, { mismatch: 'unexpected-member', actual: value[member] });
      }
    } else {
      if (!(member in value)) v.fail(`expected "${member}": ${brief(given)}, got no "${member}"`, { mismatch: 'missing-field', expected: given });
      approximate ||= !exact;
      const diff = exact ? jsonDifference(given, value[member]) : jsonDifference(roundBigInts(given), value[member]);
      if (diff) {
        v.fail(`expected ${member}${diff.path} ${brief(diff.expected)}, got ${brief(diff.actual)} (${diff.kind})`, {
          mismatch: 'data-mismatch',
          expected: given,
          actual: value[member],
        });
      }
    }
    if (refusal) v.fail(`expected a register body DPS accepts, the emulator refused it: ${refusal.reason}: ${refusal.detail}`, { mismatch: 'invalid-body', actual: value });
  }
  const what = given === undefined ? `no "${member}"` : `"${member}" equal to the given data`;
  return `${registers.length} register request(s) with ${what}${approximate ? ' (integers beyond 2^53 compared as doubles: the transcript holds parsed bodies)' : ''}`;
}
