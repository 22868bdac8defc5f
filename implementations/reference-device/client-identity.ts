import type { DeviceRegistration } from './device-types.js';

/**
 * The TLS client identity of an X.509 device: its certificate followed by the chain (so DPS can build
 * the path to the enrolled CA) and its key; nothing for a symmetric-key device.
 */
export function clientTlsIdentity(reg: DeviceRegistration): { cert?: string; key?: string } {
  if (!reg.x509) return {};
  const chain = reg.x509.chainPem.trim();
  return { cert: chain ? `${reg.x509.certPem.trim()}\n${chain}\n` : reg.x509.certPem, key: reg.x509.keyPem };
}

/** The SAS for a symmetric-key device; X.509 devices send none. */
export function sasOrNone(reg: DeviceRegistration, sign: () => string): string | undefined {
  return reg.x509 ? undefined : sign();
}
