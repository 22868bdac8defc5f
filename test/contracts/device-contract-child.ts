// Child process of emulator-device-contract.integration.test.ts: verifies one dialect's device
// contract against the emulator and exits 0 when every interaction verified, 1 otherwise (why on
// stderr). The Pact verifier writes its report to this process's standard output, which the test keeps.
import { verifyDeviceContract } from './device-contract-verification.js';

const dialect = process.argv[2];
if (dialect !== 'ga' && dialect !== 'preview') {
  process.stderr.write(`usage: device-contract-child.js ga|preview (got ${String(dialect)})\n`);
  process.exit(2);
}
try {
  await verifyDeviceContract(dialect);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}
