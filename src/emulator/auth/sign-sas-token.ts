import { createHmac } from 'node:crypto';

export interface SignSasOptions {
  idScope: string;
  registrationId: string;
  /** base64 device key */
  key: string;
  /** expiry, epoch seconds */
  expiry: number;
  /** how the resource is spelled in `sr`: `upper` = `%2F` (Python docs), `lower` = `%2f` (azure-sdk-for-c), `raw` = `/` (Node SDK) */
  encoding?: 'upper' | 'lower' | 'raw';
  /** `registration` unless given; null leaves `skn` out */
  keyName?: string | null;
}

/** Signs a DPS registration SAS token as the SDKs do (docs/protocol/sas.md); used by tests and hand-written clients. */
export function signSasToken(options: SignSasOptions): string {
  const resource = `${options.idScope}/registrations/${options.registrationId}`;
  const encoding = options.encoding ?? 'upper';
  let sr = encoding === 'raw' ? resource : encodeURIComponent(resource);
  if (encoding === 'lower') sr = sr.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
  const sig = createHmac('sha256', Buffer.from(options.key, 'base64')).update(`${sr}\n${options.expiry}`).digest('base64');
  const keyName = options.keyName === undefined ? 'registration' : options.keyName;
  const skn = keyName === null ? '' : `&skn=${keyName}`;
  return `SharedAccessSignature sr=${sr}&sig=${encodeURIComponent(sig)}&se=${options.expiry}${skn}`;
}
