import type { Dialect } from '../results/check-result.js';
import { expandRegistrationId, type WebhookProfile } from '../webhook-profile/webhook-profile.js';
import { hubPattern } from './hub-pattern.js';
import type { PactFile, PactInteraction } from './pact-file.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function applyToRequest(body: Json, profile: WebhookProfile, dialect: Dialect): Json {
  const out = structuredClone(body);
  const context = isObject(out['deviceRuntimeContext']) ? out['deviceRuntimeContext'] : undefined;
  const oldId = typeof context?.['registrationId'] === 'string' ? context['registrationId'] : undefined;
  const newId =
    profile.registrationId !== undefined && oldId !== undefined
      ? expandRegistrationId(profile.registrationId, oldId)
      : oldId;
  const individual = isObject(out['individualEnrollment']) ? out['individualEnrollment'] : undefined;
  const group = isObject(out['enrollmentGroup']) ? out['enrollmentGroup'] : undefined;
  if (context && newId !== undefined) {
    context['registrationId'] = newId;
    if (context['currentDeviceId'] === oldId) context['currentDeviceId'] = newId;
  }
  if (individual && newId !== undefined) {
    individual['registrationId'] = newId;
    if (individual['deviceId'] === oldId) individual['deviceId'] = newId;
  }
  if (group && profile.enrollmentGroupId !== undefined) group['enrollmentGroupId'] = profile.enrollmentGroupId;
  if (profile.linkedHubs !== undefined) {
    out['linkedHubs'] = [...profile.linkedHubs];
    for (const record of [individual, group])
      if (record && 'iotHubs' in record) record['iotHubs'] = [...profile.linkedHubs];
  }
  const member = dialect === 'ga' ? 'payload' : 'data';
  const data = context?.[member];
  // the interactions' device data is an example (their point is the enrollment, attestation and lifecycle):
  // the profile's members replace it where they name the same member, as a policy's devices send them
  if (context && isObject(data) && profile.payload) context[member] = { ...data, ...profile.payload };
  return out;
}

function applyToResponse(interaction: PactInteraction, hubs: readonly string[]): PactInteraction['response'] {
  const response = structuredClone(interaction.response);
  const content = response.body?.content;
  if (isObject(content) && 'iotHubHostName' in content) content['iotHubHostName'] = hubs[0];
  const rules = (
    response as { matchingRules?: { body?: Record<string, { matchers?: Array<Record<string, unknown>> }> } }
  ).matchingRules;
  for (const matcher of rules?.body?.['$.iotHubHostName']?.matchers ?? []) {
    matcher['match'] = 'regex';
    matcher['regex'] = hubPattern(hubs);
  }
  return response;
}

/**
 * The DPS -> webhook contract as the profile's devices would make it (docs/webhook-profiles.md): every
 * interaction's request gets the profile's registration ID, enrollment group ID, linked hubs and
 * payload members, with the profile's values (where it carries object data: its modelId is an example),
 * and the answer's hub rule becomes "one of the
 * profile's hubs". Descriptions and everything else stay, so results still name the same interactions.
 */
export function applyProfileToPact(pact: PactFile, profile: WebhookProfile, dialect: Dialect): PactFile {
  const out = structuredClone(pact);
  out.interactions = pact.interactions.map((interaction) => {
    const copy = structuredClone(interaction);
    const body = copy.request.body;
    if (body && isObject(body.content)) body.content = applyToRequest(body.content, profile, dialect);
    if (profile.linkedHubs !== undefined) copy.response = applyToResponse(copy, profile.linkedHubs);
    return copy;
  });
  return out;
}
