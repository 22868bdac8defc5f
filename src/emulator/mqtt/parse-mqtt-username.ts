/** The parts of a DPS MQTT username. */
export interface MqttUsername {
  idScope: string;
  registrationId: string;
  apiVersion: string;
  clientVersion?: string;
}

/**
 * Parses `{idScope}/registrations/{registrationId}/api-version={v}[&ClientVersion={ua}]` (docs/protocol/mqtt.md;
 * the Node SDK appends `&ClientVersion=azure-iot-provisioning-device%2F1.9.1`). The query part is
 * read as a query string, so extra or reordered parameters are tolerated; api-version must be non-empty.
 */
export function parseMqttUsername(username: string | undefined): MqttUsername | undefined {
  if (!username) return undefined;
  const match = /^([^/]+)\/registrations\/([^/]+)\/(.*)$/.exec(username);
  if (!match) return undefined;
  const params = new URLSearchParams(match[3]);
  const apiVersion = params.get('api-version') ?? '';
  if (apiVersion.trim() === '') return undefined;
  const parsed: MqttUsername = { idScope: match[1]!, registrationId: match[2]!, apiVersion };
  const clientVersion = params.get('ClientVersion');
  if (clientVersion !== null) parsed.clientVersion = clientVersion;
  return parsed;
}
