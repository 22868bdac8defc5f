/**
 * The attestation part of `deviceRuntimeContext` that DPS sends to a webhook (docs/protocol/webhook.md). Keys and
 * secrets are never sent. The material here is fixed test data, so requests are reproducible.
 */
export type AttestationKind = 'symmetricKey' | 'x509' | 'tpm';

/**
 * A self-signed P-256 certificate (CN=dpsc-x509-device), base64 DER. The X.509 runtime context is not
 * documented; `clientCertificate` as base64 DER is what third-party webhooks read [UNCONFIRMED].
 */
export const TEST_CLIENT_CERTIFICATE =
  'MIIBjTCCATOgAwIBAgIUURMf35Y5mpLo1SLIsWO2jq0jq+QwCgYIKoZIzj0EAwIwGzEZMBcGA1UEAwwQZHBzYy14NTA5LWRldmljZTAgFw0yNjExMjYxMjE4NDZaGA8yMTI2MTEwMjEyMTg0NlowGzEZMBcGA1UEAwwQZHBzYy14NTA5LWRldmljZTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABGOglH+TeXhTR/O0cpJVSe5nYpy6sQ8MYZjhIWFSqGzBaoOwwWyIsfPIBi11Le+nei8i6E0hmm/8LHvVAVCWRvijUzBRMB0GA1UdDgQWBBQSgvkxT6i9MJXggJyZ7KP8dxmWHzAfBgNVHSMEGDAWgBQSgvkxT6i9MJXggJyZ7KP8dxmWHzAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIQC6Pq/AGQ9V4wtXCkdrgAO+jL3HxBIaZwjUduE2O78ETwIgDBnZJfz0xTuCb04hNEnT3WEUPfrnz3tVeozRxnrd7x0=';

/** Fixed TPM public keys (random bytes, base64): a webhook only sees them, it cannot check them. */
export const TEST_TPM_ENDORSEMENT_KEY = 'NJbEQ+43EuQ3WR7BfE5TnlOfQjf6lpTZ+ij3J+SDir9+otsHaak6c2dGcMH6+h+WrWTN2lTcTr0DMOo0HDmq2g==';
export const TEST_TPM_STORAGE_ROOT_KEY = '6ICU39dRzuL3mdEM3fOXQ8E0cv9Aaoh9enFlWh8ihrE=';

/** The `deviceRuntimeContext` member for an attestation kind: `{symmetricKey: {}}`, `{x509: {...}}` or `{tpm: {...}}`. */
export function runtimeAttestationContext(kind: AttestationKind): Record<string, unknown> {
  switch (kind) {
    case 'symmetricKey':
      return { symmetricKey: {} };
    case 'x509':
      return { x509: { clientCertificate: TEST_CLIENT_CERTIFICATE } };
    case 'tpm':
      return { tpm: { endorsementKey: TEST_TPM_ENDORSEMENT_KEY, storageRootKey: TEST_TPM_STORAGE_ROOT_KEY } };
  }
}
