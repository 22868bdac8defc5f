/** The fields of a `SharedAccessSignature ...` token, values as sent (still URL-encoded). */
export interface SasFields {
  sr?: string;
  sig?: string;
  se?: string;
  skn?: string;
}

/**
 * Splits a SAS token into its raw fields. Field order is not significant (docs/protocol/sas.md). Returns
 * undefined when the text is not a SAS token at all.
 */
export function parseSasToken(token: string | undefined): SasFields | undefined {
  if (!token) return undefined;
  const match = /^\s*SharedAccessSignature\s+(.+?)\s*$/i.exec(token);
  if (!match?.[1]) return undefined;
  const fields: SasFields = {};
  for (const part of match[1].split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).toLowerCase();
    const value = part.slice(eq + 1);
    if (name === 'sr' || name === 'sig' || name === 'se' || name === 'skn') fields[name] = value;
  }
  return fields;
}
