import type { RunInfo, WaiverNote } from '../../results/run-info.js';

/**
 * What a report opens with for a customer (docs/certification.md): what the vendor declared, whether and
 * with which key the results are signed, and what the waivers did, each as one line of plain text
 * (callers escape it). Pure, from the run info alone, so every report says the same.
 */
export interface CertificationFacts {
  /** `acme-thermostat-fw 4.2.0 (dialects ga; transports https, mqtt; attestations symmetricKey)`, one per declaration */
  declared: string[];
  /** the declaration's homepage links, in the same order (undefined when a declaration has none) */
  homepages: Array<string | undefined>;
  /** `ctrf.json is signed: attestation.json, key sha256:…`, or undefined when the run was not signed */
  signed?: string;
  /** the command a customer runs to check the signature */
  verifyCommand?: string;
  /** `2 waivers given; 3 results waived` */
  waivers?: string;
  /** one line per expired waiver */
  expired: string[];
  /** one line per waiver that matched nothing */
  unused: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function declaredLine(declaration: unknown): { line: string; homepage?: string } | undefined {
  if (!isObject(declaration) || !isObject(declaration.implementation)) return undefined;
  const { name, version, homepage } = declaration.implementation;
  const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value) ?? '');
  const axes = (['dialects', 'transports', 'attestations'] as const)
    .filter((axis) => Array.isArray(declaration[axis]))
    .map((axis) => `${axis} ${(declaration[axis] as unknown[]).map(String).join(', ')}`);
  const line = `${text(name)}${version === undefined ? '' : ` ${text(version)}`}${axes.length > 0 ? ` (${axes.join('; ')})` : ''}`;
  return typeof homepage === 'string' ? { line, homepage } : { line };
}

/** `device.polling.retryAfter (case x, implementation y)` */
export function describeWaiver(waiver: Pick<WaiverNote, 'checkId' | 'caseId' | 'implementation'>): string {
  const narrow = [waiver.caseId && `case ${waiver.caseId}`, waiver.implementation && `implementation ${waiver.implementation}`].filter(Boolean);
  return `${waiver.checkId}${narrow.length > 0 ? ` (${narrow.join(', ')})` : ''}`;
}

export function certificationFacts(runInfo: RunInfo): CertificationFacts {
  const declarations = runInfo.declaration === undefined ? [] : Array.isArray(runInfo.declaration) ? runInfo.declaration : [runInfo.declaration];
  const lines = declarations.map(declaredLine).filter((d): d is { line: string; homepage?: string } => d !== undefined);
  const facts: CertificationFacts = { declared: lines.map((d) => d.line), homepages: lines.map((d) => d.homepage), expired: [], unused: [] };
  if (runInfo.signature) {
    facts.signed = `ctrf.json is signed (${runInfo.signature.file}) with key ${runInfo.signature.keyId}`;
    facts.verifyCommand = `npx dps-conformance verify-report ${runInfo.signature.file} --public-key <the signer's public key>`;
  }
  const waivers = runInfo.waivers;
  if (waivers) {
    facts.waivers = `${waivers.given} waiver${waivers.given === 1 ? '' : 's'} given; ${waivers.waivedResults} result${waivers.waivedResults === 1 ? '' : 's'} waived`;
    facts.expired = waivers.expired.map((w) => `waiver for ${describeWaiver(w)} expired on ${w.expires} and no longer applies (${w.reason})`);
    facts.unused = waivers.unused.map((w) => `waiver for ${describeWaiver(w)} matched no failed or errored result: fixed? then remove it (${w.reason})`);
  }
  return facts;
}
