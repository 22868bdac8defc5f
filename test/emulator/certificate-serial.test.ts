import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { certificateSerial } from '../../src/emulator/tls/certificate-serial.js';
import { newCertificate } from '../../src/emulator/tls/new-certificate.js';
import { rsaKeysSync } from '../../src/emulator/tls/rsa-keys.js';
import { signNatively } from '../../src/emulator/tls/sign-natively.js';

describe('certificate serials', () => {
  it('are 16 bytes whose first byte is 0x01 to 0x7f: positive and minimally DER-encoded', () => {
    for (let i = 0; i < 5000; i += 1) {
      const serial = certificateSerial();
      assert.match(serial, /^[0-9a-f]{32}$/);
      const first = parseInt(serial.slice(0, 2), 16);
      assert.ok(first >= 0x01 && first <= 0x7f, serial);
    }
  });

  it('give certificates that OpenSSL parses every time (a 0-nibble serial failed about once in 200)', () => {
    const keys = rsaKeysSync();
    for (let i = 0; i < 400; i += 1) {
      const cert = newCertificate(keys.publicPem, 1);
      cert.setSubject([{ name: 'commonName', value: `serial-${i}` }]);
      cert.setIssuer([{ name: 'commonName', value: 'serial-test' }]);
      signNatively(cert, keys.privatePem);
      const parsed = new X509Certificate(forge.pki.certificateToPem(cert));
      assert.equal(parsed.serialNumber.toLowerCase(), cert.serialNumber.toLowerCase());
    }
  });
});
