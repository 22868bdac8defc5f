import { X509Certificate } from 'node:crypto';
import type { Redactor } from '../support/redactor.js';
import { generateDeviceCa, selfSignedDeviceCertificate, type DeviceCertificate } from './device-ca.js';
import { X509Enrollments } from './x509-enrollments.js';

/** What `startEmulator({x509: true})` sets up: a device CA enrolled as a group, and a way to issue device certificates. */
export interface X509Setup {
  enrollments: X509Enrollments;
  groupId: string;
  deviceCaPem: string;
  issue(registrationId: string, options?: DeviceCertificateOptions): Promise<DeviceCertificate>;
}

export interface DeviceCertificateOptions {
  /** `group` (default): signed by the enrolled device CA; `individual`: self-signed, enrolled by its thumbprint */
  enrollment?: 'group' | 'individual';
  /** validity in days (default 30; negative = already expired) */
  days?: number;
  /** subject CN (default the registration ID; anything else is what DPS refuses) */
  commonName?: string;
}

export const X509_GROUP_ID = 'dpsc-emulator-x509-group';

/** Generates the device CA and the X.509 enrollments; issued private keys are added to the redactor. */
export async function setUpX509(redactor: Redactor): Promise<X509Setup> {
  const ca = await generateDeviceCa();
  const enrollments = new X509Enrollments([], [{ groupId: X509_GROUP_ID, caPem: ca.caPem }]);
  return {
    enrollments,
    groupId: X509_GROUP_ID,
    deviceCaPem: ca.caPem,
    issue: async (registrationId, options = {}) => {
      const commonName = options.commonName ?? registrationId;
      const days = options.days === undefined ? {} : { days: options.days };
      const certificate = await (options.enrollment === 'individual' ? selfSignedDeviceCertificate(commonName, days) : ca.issue(commonName, days));
      if (options.enrollment === 'individual') enrollments.addIndividual({ registrationId, thumbprint: new X509Certificate(certificate.certPem).fingerprint256 });
      redactor.add(certificate.keyPem);
      return certificate;
    },
  };
}
