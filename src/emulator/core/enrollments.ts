import { randomUUID } from 'node:crypto';
import { deriveDeviceKey } from '../auth/derive-device-key.js';
import { dpsTimestamp } from './dps-timestamp.js';

export type ProvisioningStatus = 'enabled' | 'disabled';

/** An individual symmetric-key enrollment, as in `harness/emulator-config`. */
export interface IndividualEnrollmentConfig {
  registrationId: string;
  primaryKey: string;
  secondaryKey?: string;
  deviceId?: string;
  provisioningStatus?: ProvisioningStatus;
}

/** A symmetric-key enrollment group; devices sign with keys derived from its keys (docs/protocol/sas.md). */
export interface GroupEnrollmentConfig {
  groupId: string;
  primaryKey: string;
  secondaryKey?: string;
  provisioningStatus?: ProvisioningStatus;
}

export type EnrollmentConfig = IndividualEnrollmentConfig | GroupEnrollmentConfig;

/** An enrollment without its keys: what allocators and webhooks may see. */
export interface EnrollmentView {
  kind: 'individual' | 'group';
  /** registrationId (individual) or groupId (group) */
  id: string;
  deviceId?: string;
  provisioningStatus: ProvisioningStatus;
  createdDateTimeUtc: string;
  lastUpdatedDateTimeUtc: string;
  /** quoted, as service records carry it */
  etag: string;
}

/** An enrollment a registration may belong to, with the keys its SAS may be signed with. */
export interface EnrollmentCandidate {
  view: EnrollmentView;
  keys: readonly string[];
}

/** Registration IDs whose derived group keys are kept (a bound on memory; a load run uses many IDs). */
const CANDIDATES_KEPT = 10_000;

export function isGroupEnrollment(config: EnrollmentConfig): config is GroupEnrollmentConfig {
  return 'groupId' in config;
}

/**
 * The emulator's enrollment list. A registration matches its individual enrollment if there is one
 * (case-insensitive); otherwise every group is a candidate and the SAS decides which key signed it.
 */
export class Enrollments {
  readonly #individual = new Map<string, { config: IndividualEnrollmentConfig; view: EnrollmentView }>();
  readonly #groups: { config: GroupEnrollmentConfig; view: EnrollmentView }[] = [];
  /** group candidates by exact registration ID (the derived key depends on its spelling) */
  readonly #groupCandidates = new Map<string, readonly EnrollmentCandidate[]>();

  constructor(configs: readonly EnrollmentConfig[]) {
    for (const config of configs) {
      const now = dpsTimestamp();
      const base = { provisioningStatus: config.provisioningStatus ?? 'enabled', createdDateTimeUtc: now, lastUpdatedDateTimeUtc: now, etag: `"${randomUUID()}"` } as const;
      if (isGroupEnrollment(config)) this.#groups.push({ config, view: { kind: 'group', id: config.groupId, ...base } });
      else {
        const view: EnrollmentView = { kind: 'individual', id: config.registrationId, ...base };
        if (config.deviceId !== undefined) view.deviceId = config.deviceId;
        this.#individual.set(config.registrationId.toLowerCase(), { config, view });
      }
    }
  }

  /**
   * Candidates for a registration, individual first. Group candidates carry keys derived for this
   * exact registration ID (an HMAC each), so they are kept for the latest CANDIDATES_KEPT IDs:
   * a device asks again on every request.
   */
  candidates(registrationId: string): readonly EnrollmentCandidate[] {
    const individual = this.#individual.get(registrationId.toLowerCase());
    if (individual) return [{ view: individual.view, keys: keysOf(individual.config) }];
    const known = this.#groupCandidates.get(registrationId);
    if (known) return known;
    const derived = this.#groups.map(({ config, view }) => ({
      view,
      keys: keysOf(config).map((key) => deriveDeviceKey(key, registrationId)),
    }));
    if (this.#groupCandidates.size >= CANDIDATES_KEPT) {
      // forget the oldest (a Map iterates in insertion order)
      const oldest = this.#groupCandidates.keys().next();
      if (!oldest.done) this.#groupCandidates.delete(oldest.value);
    }
    this.#groupCandidates.set(registrationId, derived);
    return derived;
  }

  /** The first enrollment group, if any (what `emulate` advertises as `groupKey`). */
  firstGroup(): GroupEnrollmentConfig | undefined {
    return this.#groups[0]?.config;
  }

  /** The key a device with this registration ID signs with: its individual primary key or the derived group key. */
  deviceKey(registrationId: string): string {
    const individual = this.#individual.get(registrationId.toLowerCase());
    if (individual) return individual.config.primaryKey;
    const group = this.firstGroup();
    if (!group) throw new Error(`no enrollment covers registration ID ${registrationId}`);
    return deriveDeviceKey(group.primaryKey, registrationId);
  }

  /** Every key, for the redactor. */
  allKeys(): string[] {
    return [...[...this.#individual.values()].map((e) => e.config), ...this.#groups.map((g) => g.config)].flatMap(keysOf);
  }
}

function keysOf(config: EnrollmentConfig): string[] {
  return config.secondaryKey ? [config.primaryKey, config.secondaryKey] : [config.primaryKey];
}
