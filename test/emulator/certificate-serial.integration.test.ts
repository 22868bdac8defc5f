import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { certificateSerial } from '../../src/emulator/tls/certificate-serial.js';
import { newCertificate, validFor } from '../../src/emulator/tls/new-certificate.js';
import { rsaKeysAsync } from '../../src/emulator/tls/rsa-keys.js';

describe('certificate serials', () => {
  it('are 16 bytes whose first byte is 0x01 to 0x7f: positive and minimally DER-encoded', () => {
    for (let i = 0; i < 5000; i += 1) {
      const serial = certificateSerial();
      assert.match(serial, /^[0-9a-f]{32}$/);
      const first = parseInt(serial.slice(0, 2), 16);
      assert.ok(first >= 0x01 && first <= 0x7f, serial);
    }
  });

  it('give certificates that OpenSSL parses every time, with the serial they were made with (a 0-nibble serial failed about once in 200)', async function () {
    // 400 RSA signatures: seconds on an idle machine, minutes on a loaded one; the verdict is in the serials, not the time
    this.timeout(300_000);
    const keys = await rsaKeysAsync();
    for (let i = 0; i < 400; i += 1) {
      const cert = await newCertificate({
        subject: `CN=serial-${i}`,
        issuer: 'CN=serial-test',
        publicPem: keys.publicPem,
        signingPem: keys.privatePem,
        ...validFor(1),
        extensions: [],
      });
      const parsed = new X509Certificate(cert.toString('pem'));
      assert.equal(parsed.serialNumber.toLowerCase(), cert.serialNumber.toLowerCase());
      assert.equal(parsed.subject, `CN=serial-${i}`);
      assert.ok(parsed.verify(parsed.publicKey), 'signed with the key it certifies');
    }
  });
});
