import { CheckFailure, TargetMisbehaviour } from '../../src/results/check-outcome-errors.js';
import { DEVICE_CHECKS, type DeviceCheckDef } from './device-checks.js';
import type { RegistrationEvidence } from './evidence/registration-evidence.js';

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

/** Checks that judge only what the device sent: no answer of the emulator can change their verdict. */
const REQUEST_SIDE: ReadonlySet<string> = new Set(
  [
    DEVICE_CHECKS.requestPath,
    DEVICE_CHECKS.requestRegistrationId,
    DEVICE_CHECKS.requestSas,
    DEVICE_CHECKS.requestBody,
    DEVICE_CHECKS.dataSent,
    DEVICE_CHECKS.dataObject,
    DEVICE_CHECKS.dataBigIntegers,
    DEVICE_CHECKS.e2eDataReachedWebhook,
  ].map((check) => check.id),
);

/** What a verdict resting on raw UTF-8 in the answers says (docs/emulator-behaviour.md, "Non-ASCII in answers"). */
export const RAW_UTF8_NOTE =
  'this verdict may rest on an UNCONFIRMED choice: the emulator wrote non-ASCII characters in its answers as raw UTF-8 (valid JSON; ' +
  'whether DPS does or escapes them as \\uXXXX is not known); run with --ascii-answers to see it the other way';

/** True when an answer the device received carried a non-ASCII character unescaped. */
export function answersCarriedRawUtf8(e: RegistrationEvidence): boolean {
  return e.device.some((entry) => {
    if (!('answer' in entry)) return false;
    const body = entry.answer.body;
    const text = body.kind === 'json' ? body.text : body.kind === 'not-json' ? body.text : undefined;
    return text !== undefined && NON_ASCII.test(text);
  });
}

/**
 * A failed or errored verdict of a check that reads the emulator's answers (or of any check when the
 * adapter crashed or hung), in a registration whose answers carried raw UTF-8: the same outcome, its message saying that it may rest on that UNCONFIRMED
 * choice and how to see it the other way. Anything else comes back unchanged.
 */
export function withUnconfirmedNote(error: unknown, check: DeviceCheckDef, e: RegistrationEvidence): unknown {
  // an adapter that crashed or hung after such an answer takes every check of its case with it
  const readsAnswers = !REQUEST_SIDE.has(check.id) || e.adapter.kind === 'fault';
  if (!readsAnswers || !answersCarriedRawUtf8(e)) return error;
  if (error instanceof CheckFailure) return new CheckFailure(`${error.message} (${RAW_UTF8_NOTE})`, error.details);
  if (error instanceof TargetMisbehaviour) return new TargetMisbehaviour(`${error.message} (${RAW_UTF8_NOTE})`, error.details);
  return error;
}
