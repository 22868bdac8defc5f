import { jsonDifference } from '../../../src/adapters/json-difference.js';
import { NOT_UTF8 } from '../../../src/emulator/index.js';
import { CheckSkipped } from '../../../src/results/check-outcome-errors.js';
import type { Verdicts } from '../check-support.js';
import { brief } from '../check-support.js';
import type { RegisterEntry, UnexpectedEntry } from '../evidence/evidence-entry.js';
import { dataMember, isObject, roundBigInts, type JsonObject } from '../evidence/json-values.js';
import type { DeviceEvidence, RegistrationEvidence } from '../evidence/registration-evidence.js';
import { sentData } from '../evidence/sent-data.js';

interface RegisterBody {
  entry: RegisterEntry | UnexpectedEntry;
  body: JsonObject;
  exact: boolean;
}

/**
 * Every register body DPS took, each a JSON object without the other dialect's member; the first that
 * is not fails here, as does a body whose bytes are not UTF-8, refused or not. Another body DPS refused
 * is device.request.body's (these checks are then not reached);
 * an empty body, which DPS tolerates, carries no data. Shared by the device suite and `emulate`'s grading.
 */
function registerBodies(e: RegistrationEvidence, v: Verdicts): RegisterBody[] {
  const { dialect } = e.run;
  const member = dataMember(dialect);
  const other = dialect === 'ga' ? 'data' : 'payload';
  // bytes that are not UTF-8 are this check's whether DPS refused the body or took it (refusal-owner.ts)
  const notUtf8 = e.registers.map(notUtf8Of).find((found) => found !== undefined);
  if (notUtf8 !== undefined) v.fail(`expected a register body in UTF-8, got ${notUtf8}`, { mismatch: 'not-utf8' });
  const taken = e.registers.filter((entry) => entry.answer.status !== undefined && entry.answer.status < 300);
  if (taken.length === 0 && notUtf8 === undefined) v.fail('expected a register request DPS takes, the emulator received none', { mismatch: 'missing-request' });
  return taken.map((entry) => {
    const value = bodyValue(entry);
    if (!isObject(value)) v.fail(`expected a register body that is a JSON object, got ${brief(value ?? null)}`, { mismatch: 'invalid-body', actual: value });
    if (other in value) v.fail(`expected the ${dialect} member "${member}", got "${other}" (the other dialect's)`, { mismatch: 'wrong-dialect-member', actual: value });
    return { entry, body: value, exact: entry.body.kind === 'json' && entry.body.exact };
  });
}

/** What the emulator recorded of a register body whose bytes are not UTF-8: its refusal, or its note when it served it. */
function notUtf8Of(entry: RegisterEntry | UnexpectedEntry): string | undefined {
  if (entry.kind === 'unexpected') return entry.detail.startsWith(NOT_UTF8) ? entry.detail : undefined;
  if (entry.refusal?.detail.startsWith(NOT_UTF8) === true) return entry.refusal.detail;
  return entry.notes.notes?.find((note) => note.startsWith(NOT_UTF8));
}

/**
 * A register body as a value: its parse, or its text when it is not JSON, or nothing. An empty (or
 * blank) body DPS took reads as `{}`: DPS takes the registration ID from the request, and a device with
 * no data has nothing else to say (the Embedded C SDK's sample publishes no body; docs/protocol/mqtt.md).
 */
function bodyValue(entry: RegisterEntry | UnexpectedEntry): unknown {
  const body = entry.body;
  switch (body.kind) {
    case 'json':
      return body.value;
    case 'empty':
      return entry.kind === 'register' && entry.refusal === undefined ? {} : body.text;
    case 'not-json':
      return body.text;
    case 'none':
      return undefined;
  }
}

/**
 * `device.data.sent`: the data is under the dialect's member, equal to what the application gave; absent
 * when none was given. Numbers compare as doubles (JSON lets an implementation limit numbers to doubles,
 * RFC 8259 section 6): every digit beyond 2^53 is the SHOULD `device.data.bigIntegers`.
 */
export function checkDataSent(e: DeviceEvidence, v: Verdicts): string {
  v.reply();
  const { dialect, command } = e.run;
  const member = dataMember(dialect);
  const given = command.data;
  const bodies = registerBodies(e, v);
  for (const registered of bodies) {
    const value = registered.body;
    if (given === undefined) {
      // `"payload": null` means no payload to DPS (the Python SDK always sends it, docs/protocol/sdks.md)
      if (member in value && !(dialect === 'ga' && value[member] === null)) {
        v.fail(`expected no "${member}" (the application gave none), got ${brief(value[member])}`, { mismatch: 'unexpected-member', actual: value[member] });
      }
    } else {
      if (!(member in value)) v.fail(`expected "${member}": ${brief(given)}, got no "${member}"`, { mismatch: 'missing-field', expected: given });
      // a JSON string holding an object is the data DPS reads (the string itself is device.data.object's concern)
      const data = sentData(value, dialect);
      const sent = data.kind === 'json-string' ? data.value : value[member];
      const diff = jsonDifference(roundBigInts(given), roundBigInts(sent));
      if (diff) {
        v.fail(`expected ${member}${diff.path} ${brief(diff.expected)}, got ${brief(diff.actual)} (${diff.kind})`, {
          mismatch: 'data-mismatch',
          expected: given,
          actual: value[member],
        });
      }
    }
  }
  const what = given === undefined ? `no "${member}"` : `"${member}" equal to the given data (numbers as doubles)`;
  return `${bodies.length} register request(s) with ${what}`;
}

/** `device.data.bigIntegers` (SHOULD): integers beyond 2^53 in the device data reach DPS with every digit. */
export function checkDataBigIntegers(e: DeviceEvidence, v: Verdicts): string {
  v.reply();
  const member = dataMember(e.run.dialect);
  const given = e.run.command.data;
  for (const { body, exact } of registerBodies(e, v)) {
    if (!exact) throw new CheckSkipped('the emulator transcript holds parsed bodies, so whether every digit beyond 2^53 arrived cannot be told');
    if (!(member in body)) continue; // device.data.sent fails that
    const data = sentData(body, e.run.dialect);
    const diff = jsonDifference(given, data.kind === 'json-string' ? data.value : body[member]);
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
 * body DPS took is an object with the data (if any) under the dialect's member, valid against the
 * dialect's registration-request schema (a refused body is device.request.body's).
 */
export function checkDataObserved(e: RegistrationEvidence, v: Verdicts): string {
  const { dialect } = e.run;
  const member = dataMember(dialect);
  const bodies = registerBodies(e, v);
  let withData = 0;
  let empty = 0;
  for (const registered of bodies) {
    // a payload sent as a JSON string holding an object is off the documented schema, but DPS takes it: device.data.object says so
    const stringPayload = sentData(registered.body, dialect).kind === 'json-string';
    if (registered.entry.body.kind === 'empty') empty += 1;
    const problems = (registered.entry.notes.validation ?? []).filter((check) => !check.valid && !check.skipped);
    const first = problems.flatMap((check) => check.errors).find((error) => !(stringPayload && /^\/payload(\/|$)/.test(error.path)));
    if (first) {
      v.fail(`expected a register body valid against ${dialect}/registration-request, got ${first.path || '/'}: ${first.message}`, {
        mismatch: 'schema-mismatch',
        actual: registered.body,
      });
    }
    if (member in registered.body && registered.body[member] !== null) withData += 1;
  }
  const blank = empty > 0 ? ` (${empty} empty, which DPS takes: the registration ID comes from the request)` : '';
  return `${bodies.length} register request(s), valid ${dialect} bodies${blank}; ${withData} with "${member}"`;
}

/**
 * `device.data.object` (SHOULD, ga): the payload is a JSON object, as DPS documents ("The payload
 * property must be a JSON object", docs/protocol/sdks.md). A JSON string holding an object works with
 * DPS (it parses it and hands the device an object back), so sending one is a departure from the
 * documented contract, not a failed registration. Shared by the device suite and `emulate`.
 */
export function checkDataObject(e: RegistrationEvidence, v: Verdicts): string {
  v.reply();
  const bodies = registerBodies(e, v);
  for (const registered of bodies) {
    const data = sentData(registered.body, e.run.dialect);
    if (data.kind === 'json-string') {
      v.fail(
        `expected "payload" to be a JSON object, as DPS documents it, got a JSON string holding one (${brief(data.text, 60)}); DPS accepts this and hands the device an object back, so registration works, but it departs from the documented contract`,
        { mismatch: 'json-string-payload', expected: data.value, actual: data.text },
      );
    }
  }
  return bodies.some((registered) => sentData(registered.body, e.run.dialect).kind !== 'absent') ? '"payload" sent as a JSON object' : 'no "payload" sent';
}
