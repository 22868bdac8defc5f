import type { TranscriptEntry } from '../../src/emulator/index.js';
import type { ImplementationRef } from '../../src/results/check-result.js';

/** The implementation of a device that names itself nowhere and that the user did not name. */
export const UNNAMED_DEVICE = 'unnamed device';
const MAX_AGENT = 120;
const BARE_VERSION = /^v?\d+(\.\d+)*([-+][\w.-]*)?$/;

/** What one request said the implementation is, and where it said it. */
export interface SaidName {
  agent: string;
  where: 'User-Agent' | 'UserAgent' | 'ClientVersion' | 'com.microsoft:client-version';
}

/** How a device's implementation was named in the report. */
export interface DeviceName {
  registrationId: string;
  implementation: ImplementationRef;
  namedBy: 'config' | '--implementation' | 'device' | 'nobody';
  /** every distinct name the device gave, with where */
  said: SaidName[];
}

/** The user's names: one for every device (`--implementation`), and per registration ID (the config file). */
export interface UserNames {
  all?: string;
  byRegistrationId?: Readonly<Record<string, string>>;
}

/**
 * What a request says the implementation is: the HTTPS `User-Agent` header (the Azure IoT C SDK sends
 * `UserAgent`), the MQTT user name's `ClientVersion`, or the AMQP link property
 * `com.microsoft:client-version` (docs/protocol/mqtt.md, docs/protocol/amqp.md).
 */
export function saidName(entry: TranscriptEntry): SaidName | undefined {
  const wire = entry.request.wire;
  if (!wire) return undefined;
  if ('headers' in wire) {
    for (const [header, where] of [['user-agent', 'User-Agent'], ['useragent', 'UserAgent']] as const) {
      const value = wire.headers[header];
      const agent = (Array.isArray(value) ? value[0] : value)?.trim();
      if (agent) return { agent: agent.slice(0, MAX_AGENT), where };
    }
    return undefined;
  }
  if ('packet' in wire) {
    // `{idScope}/registrations/{id}/api-version=...&ClientVersion=...`: the parameters follow the third slash
    const parameters = wire.username?.split('/').slice(3).join('/') ?? '';
    const agent = new URLSearchParams(parameters).get('ClientVersion')?.trim();
    return agent ? { agent: agent.slice(0, MAX_AGENT), where: 'ClientVersion' } : undefined;
  }
  const agent = wire.clientVersion?.trim();
  return agent ? { agent: agent.slice(0, MAX_AGENT), where: 'com.microsoft:client-version' } : undefined;
}

/**
 * `name/version ...` as name and version; a bare version (the Azure IoT C SDK's MQTT ClientVersion is
 * `1.15.0`) names no implementation; anything else is a name.
 */
export function parseAgent(agent: string): { name?: string; version?: string } {
  const product = /^([^/\s]+)\/([^\s;()]+)/.exec(agent);
  if (product) return { name: product[1]!, version: product[2]! };
  if (BARE_VERSION.test(agent)) return { version: agent };
  return { name: agent };
}

/** `NAME` or `NAME/VERSION`, as the user gives it. */
export function parseUserName(text: string): ImplementationRef {
  const slash = text.lastIndexOf('/');
  if (slash > 0 && slash < text.length - 1) return { name: text.slice(0, slash), version: text.slice(slash + 1) };
  return { name: text };
}

/**
 * One name per device (registration ID), so that all its transports land in one implementation: the
 * user's name for that registration ID, else `--implementation`, else the first name the device gave
 * on any transport (`name/version`; a bare version is kept only when nothing names the device), else
 * `unnamed device`.
 */
export function nameDevice(registrationId: string, entries: readonly TranscriptEntry[], user: UserNames): DeviceName {
  const said: SaidName[] = [];
  for (const entry of entries) {
    const name = entry.frontEnd === 'webhook' ? undefined : saidName(entry);
    if (name && !said.some((s) => s.agent === name.agent && s.where === name.where)) said.push(name);
  }
  const configured = lookup(user.byRegistrationId, registrationId);
  if (configured !== undefined) return { registrationId, implementation: parseUserName(configured), namedBy: 'config', said };
  if (user.all !== undefined) return { registrationId, implementation: parseUserName(user.all), namedBy: '--implementation', said };
  const parsed = said.map((s) => parseAgent(s.agent));
  const named = parsed.find((p) => p.name !== undefined);
  if (named?.name !== undefined) return { registrationId, implementation: { name: named.name, ...(named.version !== undefined ? { version: named.version } : {}) }, namedBy: 'device', said };
  const version = parsed.find((p) => p.version !== undefined)?.version;
  return { registrationId, implementation: { name: UNNAMED_DEVICE, ...(version !== undefined ? { version } : {}) }, namedBy: 'nobody', said };
}

/** Registration IDs compare without case (DPS). */
function lookup(map: Readonly<Record<string, string>> | undefined, registrationId: string): string | undefined {
  if (!map) return undefined;
  const wanted = registrationId.toLowerCase();
  for (const [id, name] of Object.entries(map)) if (id.toLowerCase() === wanted) return name;
  return undefined;
}
