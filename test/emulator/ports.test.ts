import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { HarnessErrorCode, isHarnessError } from '../../src/errors/harness-error.js';
import { startEmulator } from '../../src/emulator/index.js';

describe('emulator ports', () => {
  it('rejects a port in use with a harness error naming the option', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      await assert.rejects(startEmulator({ mqttPort: port, portOptionNames: { mqtt: '--mqtt-port' } }), (error: unknown) => {
        assert.ok(isHarnessError(error));
        assert.equal(error.code, HarnessErrorCode.PORT_UNAVAILABLE);
        assert.match(error.message, /--mqtt-port/);
        return true;
      });
      await assert.rejects(startEmulator({ httpsPort: port }), /httpsPort/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
