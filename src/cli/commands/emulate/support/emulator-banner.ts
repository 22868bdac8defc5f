import type { RunningEmulator } from '../../../../emulator/emulator-options.js';

/** What `emulate` writes to `DIR/emulator.json` (docs/contract/cli.md). */
export interface EmulatorEndpointFile {
  idScope: string;
  host: string;
  httpsPort: number;
  mqttPort: number;
  caFile: string;
  groupKey: string | undefined;
}

export function endpointFile(emulator: RunningEmulator, caFile: string): EmulatorEndpointFile {
  return { idScope: emulator.idScope, host: emulator.host, httpsPort: emulator.httpsPort, mqttPort: emulator.mqttPort, caFile, groupKey: emulator.groupKey };
}

/**
 * The same facts for a person, plus how to derive a device key. The group key itself is not printed
 * (the team rule: never print a key); it is in emulator.json, which the printed command reads.
 */
export function banner(file: EmulatorEndpointFile, jsonPath: string, allocation: string, groupId: string | undefined): string {
  const shown = file.host.includes(':') ? `[${file.host}]` : file.host;
  const lines = [
    'dps-conformance emulator is running (Ctrl-C to stop and write the observation report)',
    `  ID scope:            ${file.idScope}`,
    `  HTTPS:               https://${shown}:${file.httpsPort}/${file.idScope}/registrations/{registrationId}/register?api-version=2019-03-31`,
    `  MQTT over TLS:       mqtts://${shown}:${file.mqttPort}`,
    `  MQTT over WebSocket: wss://${shown}:${file.httpsPort}/$iothub/websocket`,
    `  CA certificate:      ${file.caFile} (devices must trust it; the server name is localhost)`,
    `  allocation:          ${allocation}`,
    `  endpoint file:       ${jsonPath}`,
  ];
  if (file.groupKey !== undefined) {
    lines.push(
      `  enrollment group:    ${groupId ?? ''}; group key: "groupKey" in ${jsonPath}`,
      '  device key = base64(HMAC-SHA256(base64decode(groupKey), registrationId)), e.g.:',
      `    node -e "const k=require(process.argv[1]).groupKey;console.log(require('crypto').createHmac('sha256',Buffer.from(k,'base64')).update(process.argv[2]).digest('base64'))" ${jsonPath} my-device-001`,
    );
  }
  return `${lines.join('\n')}\n`;
}
