import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { UserCase, UserCaseFile } from '../../src/schemas/generated/harness/cases.js';
import { invalidConfigError } from '../../src/errors/harness-error.js';
import { parseJsonText, readTextFile } from '../../src/json/parse-json-file.js';
import { parseJson } from '../../src/json/parse-json.js';
import { stringifyJson } from '../../src/json/stringify-json.js';
import { getSchemaRegistry } from '../../src/schemas/schema-registry.js';
import { formatReadableErrors } from '../../src/schemas/readable-errors.js';
import type { Dialect } from '../../src/results/check-result.js';
import { buildAllocationRequest, type AllocationRequestSpec } from '../../src/dps/build-allocation-request.js';
import { registrationIdFor } from '../corpus/corpus-case.js';
import { DEFAULT_LINKED_HUBS } from '../corpus/default-hubs.js';
import type { CaseExpectation, PlannedCase } from './planned-case.js';
import { EMPTY_PROFILE, expandRegistrationId, isRegistrationId, type WebhookProfile } from '../../src/webhook-profile/webhook-profile.js';
import { readDeviceDataMember } from '../../src/webhook-profile/device-data-member.js';

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => void;

/** User cases are named apart from corpus cases in results. */
export const USER_CASE_PREFIX = 'user:';

function compileReturnDataSchema(schema: Record<string, unknown>): ValidateFunction | string {
  // the user's own schema: not strict, since unknown keywords and annotations are common in the wild
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  try {
    return ajv.compile(schema);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Reads a `--cases` file (schemas/harness/cases.schema.json) into planned cases for the run's dialects.
 * Every mistake is a HarnessError (exit 2) that says where: the line and column of a JSON syntax error,
 * or the JSON pointer of a schema error (`/cases/2/expect/iotHubHostName: ...`). A case for a dialect
 * the run does not test is planned as skipped, with the reason. A case's `data` is read as `payload`
 * (the one name for device data), and `onWarning` hears it.
 */
export function loadUserCases(
  path: string,
  dialects: readonly Dialect[],
  webhookUrl: string,
  profile: WebhookProfile = EMPTY_PROFILE,
  onWarning?: (message: string) => void,
): PlannedCase[] {
  const text = readTextFile(path);
  const document = parseJsonText(text, path === '-' ? 'standard input' : path);
  // the same file read again without rounding: device data is sent with every digit it was given
  const exact = parseJson(text) as { cases?: unknown };
  const renamed = renameDeviceData(path, document, exact, onWarning);
  const outcome = getSchemaRegistry().validate('harness/cases', undefined, document);
  if (!outcome.valid || renamed.problems.length > 0) {
    throw invalidConfigError(path, [...renamed.problems, ...(outcome.valid ? [] : formatReadableErrors(outcome.errors))]);
  }
  const file = document as UserCaseFile;
  const exactCases = (exact as { cases: { payload?: unknown }[] }).cases;
  const problems: string[] = [];
  const planned: PlannedCase[] = [];
  const firstAt = new Map<string, number>();
  file.cases.forEach((userCase, index) => {
    const at = `/cases/${index}`;
    const first = firstAt.get(userCase.id);
    if (first !== undefined) problems.push(`${at}/id: duplicate id "${userCase.id}" (first at /cases/${first}/id)`);
    firstAt.set(userCase.id, index);
    const expect: CaseExpectation = {};
    if (userCase.expect.iotHubHostName !== undefined) expect.iotHubHostName = userCase.expect.iotHubHostName;
    if ('returnData' in userCase.expect) expect.returnData = userCase.expect.returnData;
    if (userCase.expect.initialTwin !== undefined) expect.initialTwin = userCase.expect.initialTwin;
    if (userCase.expect.refused !== undefined) expect.refused = userCase.expect.refused;
    if (userCase.expect.returnDataSchema !== undefined) {
      const compiled = compileReturnDataSchema(userCase.expect.returnDataSchema);
      if (typeof compiled === 'string') problems.push(`${at}/expect/returnDataSchema: not a valid JSON Schema: ${compiled}`);
      else expect.returnDataSchema = compiled;
    }
    if (userCase.enrollment === 'group' && userCase.attestation === 'tpm') problems.push(`${at}: DPS enrollment groups do not take TPM attestation; set "enrollment": "individual"`);
    for (const dialect of userCase.dialect === undefined ? dialects : [userCase.dialect]) {
      const spec = specOf(userCase, webhookUrl, exactCases[index], profile);
      if (!isRegistrationId(spec.registrationId)) {
        problems.push(`${at}: the registration ID "${spec.registrationId}" (from the profile's template) is not a valid DPS registration ID; set "registrationId" in the case`);
        continue;
      }
      const request = buildAllocationRequest(spec, dialect);
      const valid = getSchemaRegistry().validate('allocation-request', dialect, request.body);
      if (!valid.valid) {
        const why = formatReadableErrors(valid.errors)[0] ?? 'invalid';
        // the pointer names the member as the file wrote it
        const member = 'payload' in userCase ? `/${renamed.indices.has(index) ? 'data' : 'payload'}` : '';
        problems.push(`${at}${member}: the ${dialect} allocation request built from this case is invalid (${why})${dialect === 'ga' ? '; ga device data must be a JSON object' : ''}`);
        continue;
      }
      const caseId = `${USER_CASE_PREFIX}${userCase.id}`;
      const title = userCase.description ?? userCase.id;
      if (dialects.includes(dialect)) planned.push({ caseId, dialect, title, request, expect });
      else planned.push({ caseId, dialect, title, skipReason: `the case is for the ${dialect} dialect and this run tests ${dialects.join(' and ')} (--dialect)` });
    }
  });
  if (problems.length > 0) throw invalidConfigError(path, problems);
  return planned;
}

/**
 * Reads each case's `data` as `payload`, in both parses of the file. Returns the cases renamed (so that
 * messages name the member as written) and the cases that give both names (errors).
 */
function renameDeviceData(
  path: string,
  document: unknown,
  exact: { cases?: unknown },
  onWarning?: (message: string) => void,
): { indices: Set<number>; problems: string[] } {
  const renamed = { indices: new Set<number>(), problems: [] as string[] };
  const cases = (document as { cases?: unknown } | null)?.cases;
  if (!Array.isArray(cases) || !Array.isArray(exact.cases)) return renamed;
  const exactCases: unknown[] = exact.cases;
  cases.forEach((userCase, index) => {
    const member = readDeviceDataMember(userCase, `/cases/${index}`);
    if (member.problem !== undefined) renamed.problems.push(member.problem);
    if (member.warning === undefined) return;
    renamed.indices.add(index);
    onWarning?.(`${path}: ${member.warning}`);
    readDeviceDataMember(exactCases[index], `/cases/${index}`);
  });
  return renamed;
}

/**
 * What DPS would know about a user case's device. The case's own `registrationId`, `linkedHubs` and
 * `enrollmentGroupId` win; where it leaves one out, the profile's applies, then the harness default.
 * The profile's payload members are not added: a user case's data is exactly what the user wrote.
 */
function specOf(userCase: UserCase, webhookUrl: string, exactCase: { payload?: unknown } | undefined, profile: WebhookProfile): AllocationRequestSpec {
  const templated = profile.registrationId === undefined ? registrationIdFor(userCase) : expandRegistrationId(profile.registrationId, userCase.id);
  const spec: AllocationRequestSpec = {
    registrationId: userCase.registrationId ?? templated,
    enrollment: userCase.enrollment ?? 'group',
    attestation: userCase.attestation ?? 'symmetricKey',
    linkedHubs: userCase.linkedHubs ?? profile.linkedHubs ?? DEFAULT_LINKED_HUBS,
    webhookUrl,
  };
  const groupId = userCase.enrollmentGroupId ?? profile.enrollmentGroupId;
  if (groupId !== undefined) spec.enrollmentGroupId = groupId;
  if ('payload' in userCase) {
    spec.deviceDataJson = exactCase && 'payload' in exactCase ? stringifyJson(exactCase.payload) : JSON.stringify(userCase.payload);
  }
  return spec;
}
