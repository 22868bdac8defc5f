import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunningEmulator } from '../../../../emulator/index.js';
import { writeFileAtomic } from '../../../../report/atomic-write.js';

/** Where `emulate --x509-device` put what an X.509 device needs (also written to emulator.json as `x509`). */
export interface X509DeviceFiles {
  /** the enrolled group CA (devices do not need it; it is what the group enrollment trusts) */
  deviceCaFile: string;
  devices: { registrationId: string; certFile: string; keyFile: string; chainFile: string }[];
}

/**
 * Issues one certificate per registration ID from the emulator's enrolled device CA and writes it to
 * `DIR/x509/`: `{id}.cert.pem`, `{id}.key.pem` (mode 0600) and `{id}.chain.pem` (see docs/protocol/x509.md).
 */
export async function writeX509Devices(emulator: RunningEmulator, out: string, registrationIds: readonly string[]): Promise<X509DeviceFiles> {
  const dir = join(out, 'x509');
  await mkdir(dir, { recursive: true });
  const deviceCaFile = join(dir, 'device-ca.pem');
  await writeFileAtomic(deviceCaFile, emulator.deviceCaPem ?? '');
  const devices: X509DeviceFiles['devices'] = [];
  for (const registrationId of registrationIds) {
    const certificate = await emulator.issueDeviceCertificate(registrationId);
    const stem = join(dir, registrationId.replace(/[^A-Za-z0-9._-]/g, '_'));
    const files = { registrationId, certFile: `${stem}.cert.pem`, keyFile: `${stem}.key.pem`, chainFile: `${stem}.chain.pem` };
    await writeFileAtomic(files.certFile, certificate.certPem);
    // a private key: readable by its owner only
    await writeFile(files.keyFile, certificate.keyPem, { mode: 0o600 });
    await writeFileAtomic(files.chainFile, certificate.chainPem);
    devices.push(files);
  }
  return { deviceCaFile, devices };
}

/** The banner lines for the X.509 devices. */
export function x509BannerLines(files: X509DeviceFiles): string[] {
  return [
    `  X.509 group CA:      ${files.deviceCaFile} (enrolled; CN of a device certificate = its registration ID)`,
    ...files.devices.map((d) => `  X.509 device:        ${d.registrationId}: ${d.certFile} + ${d.keyFile} (present with ${d.chainFile} as the TLS client certificate)`),
  ];
}
