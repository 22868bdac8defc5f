import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckResult } from '../../src/results/check-result.js';
import { makeResult, makeRunInfo } from '../merge/report-fixtures.js';

/** An Ed25519 key pair as PEM text, also written to `dir` as `name.pem` and `name.pub.pem`. */
export function keyPair(dir: string, name = 'vendor'): { privatePem: string; publicPem: string; privatePath: string; publicPath: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const privatePath = join(dir, `${name}.pem`);
  const publicPath = join(dir, `${name}.pub.pem`);
  writeFileSync(privatePath, privatePem);
  writeFileSync(publicPath, publicPem);
  return { privatePem, publicPem, privatePath, publicPath };
}

export const declaration = { implementation: { name: 'acme-device', version: '2.1.0' }, dialects: ['ga'], transports: ['https'] };

export const signedResults: CheckResult[] = [
  makeResult({ implementation: { name: 'acme-device', version: '2.1.0' } }),
  makeResult({ implementation: { name: 'acme-device', version: '2.1.0' }, caseId: 'empty', outcome: 'failed', level: 'SHOULD', message: 'payload dropped' }),
];

export const signedRunInfo = makeRunInfo({ declaration });
