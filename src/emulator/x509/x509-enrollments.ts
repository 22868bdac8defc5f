import { X509Certificate } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import { dpsTimestamp } from '../core/dps-timestamp.js';
import type { EnrollmentView } from '../core/enrollments.js';

/** An individual X.509 enrollment: the device certificate's SHA-1 or SHA-256 thumbprint (hex, any case or colons). */
export interface X509IndividualEnrollment {
  registrationId: string;
  thumbprint: string;
  deviceId?: string;
}

/** An X.509 enrollment group: devices whose certificate chains up to this CA. */
export interface X509GroupEnrollment {
  groupId: string;
  caPem: string;
}

export type X509Verdict = { ok: true; view: EnrollmentView; certificate: X509Certificate } | { ok: false; reason: string };

function normalThumbprint(text: string): string {
  return text.replace(/[^0-9a-f]/gi, '').toUpperCase();
}

function view(kind: EnrollmentView['kind'], id: string, deviceId?: string): EnrollmentView {
  const now = dpsTimestamp();
  const result: EnrollmentView = { kind, id, provisioningStatus: 'enabled', createdDateTimeUtc: now, lastUpdatedDateTimeUtc: now, etag: `"${randomUUID()}"` };
  if (deviceId !== undefined) result.deviceId = deviceId;
  return result;
}

/** The subject CN of a certificate (`CN=...` line of `subject`), if it has one. */
export function commonName(certificate: X509Certificate): string | undefined {
  return /(?:^|\n)CN=([^\n]*)/.exec(certificate.subject)?.[1];
}

/**
 * The emulator's X.509 enrollments and the check DPS makes of a TLS client certificate (see
 * docs/protocol/x509.md): the leaf's subject CN is the registration ID; it is in date; and either its
 * thumbprint is an individual enrollment's, or it (through the chain the device sent) was signed by an
 * enrolled CA.
 */
export class X509Enrollments {
  readonly #individual = new Map<string, { enrollment: X509IndividualEnrollment; view: EnrollmentView }>();
  readonly #groups: { ca: X509Certificate; view: EnrollmentView }[] = [];

  constructor(individual: readonly X509IndividualEnrollment[], groups: readonly X509GroupEnrollment[]) {
    for (const enrollment of individual) this.addIndividual(enrollment);
    for (const group of groups) this.#groups.push({ ca: new X509Certificate(group.caPem), view: view('group', group.groupId) });
  }

  /** Enrolls one more device certificate by thumbprint (replaces an earlier one for the registration). */
  addIndividual(enrollment: X509IndividualEnrollment): void {
    this.#individual.set(enrollment.registrationId.toLowerCase(), { enrollment, view: view('individual', enrollment.registrationId, enrollment.deviceId) });
  }

  /** Verifies a chain (base64 DER, leaf first) for a registration ID. */
  verify(registrationId: string, chain: readonly string[], now = new Date()): X509Verdict {
    let certificates: X509Certificate[];
    try {
      certificates = chain.map((der) => new X509Certificate(Buffer.from(der, 'base64')));
    } catch (error) {
      return { ok: false, reason: `the client certificate cannot be read: ${(error as Error).message}` };
    }
    const leaf = certificates[0];
    if (!leaf) return { ok: false, reason: 'no client certificate' };
    const cn = commonName(leaf);
    if (cn === undefined || cn.toLowerCase() !== registrationId.toLowerCase()) return { ok: false, reason: `certificate CN ${JSON.stringify(cn ?? null)} is not the registration ID` };
    for (const certificate of certificates) {
      if (now < new Date(certificate.validFrom) || now > new Date(certificate.validTo)) return { ok: false, reason: `certificate ${certificate.subject.replace(/\n/g, ', ')} is not valid now (${certificate.validFrom} - ${certificate.validTo})` };
    }
    const individual = this.#individual.get(registrationId.toLowerCase());
    if (individual) {
      const enrolled = normalThumbprint(individual.enrollment.thumbprint);
      const seen = [normalThumbprint(leaf.fingerprint), normalThumbprint(leaf.fingerprint256)];
      return seen.includes(enrolled) ? { ok: true, view: individual.view, certificate: leaf } : { ok: false, reason: 'the certificate thumbprint is not the enrolled one' };
    }
    for (const group of this.#groups) {
      if (chainsTo(certificates, group.ca)) return { ok: true, view: group.view, certificate: leaf };
    }
    return { ok: false, reason: 'no enrollment group CA issued this certificate' };
  }
}

/** Whether the chain, leaf first, leads to `ca`: each certificate issued by the next (or by `ca`). */
function chainsTo(chain: readonly X509Certificate[], ca: X509Certificate): boolean {
  let current = chain[0];
  const rest = chain.slice(1);
  for (let depth = 0; current && depth <= rest.length; depth += 1) {
    if (current.checkIssued(ca) && current.verify(ca.publicKey)) return true;
    const issuer: X509Certificate | undefined = rest.find((c) => current !== undefined && current.checkIssued(c) && current.verify(c.publicKey) && c.ca);
    if (!issuer || issuer === current) return false;
    current = issuer;
  }
  return false;
}
