package dpsc.adapter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The device certificate, its chain and its RSA key, read from the PEM text the harness gives. */
final class PemDevice {
  private static final Pattern KEY = Pattern.compile("-----BEGIN (RSA )?PRIVATE KEY-----([^-]+)-----END");
  /** AlgorithmIdentifier rsaEncryption with NULL parameters, DER */
  private static final byte[] RSA_ALGORITHM = {
      0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

  final X509Certificate leaf;
  final List<X509Certificate> chain;
  final PrivateKey key;

  PemDevice(String certPem, String chainPem, String keyPem) throws Exception {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> leafs = certificates(factory, certPem);
    if (leafs.isEmpty()) throw new IllegalArgumentException("certPem holds no certificate");
    leaf = leafs.get(0);
    chain = new ArrayList<>(leafs.subList(1, leafs.size()));
    if (chainPem != null) chain.addAll(certificates(factory, chainPem));
    key = privateKey(keyPem);
  }

  private static List<X509Certificate> certificates(CertificateFactory factory, String pem) throws Exception {
    List<X509Certificate> out = new ArrayList<>();
    if (pem == null || pem.isBlank()) return out;
    for (var cert : factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
      out.add((X509Certificate) cert);
    }
    return out;
  }

  /** PKCS#8 as is; PKCS#1 (`RSA PRIVATE KEY`, what the emulator issues) wrapped into PKCS#8 for the JDK. */
  private static PrivateKey privateKey(String pem) throws Exception {
    Matcher match = KEY.matcher(pem == null ? "" : pem);
    if (!match.find()) throw new IllegalArgumentException("keyPem holds no RSA or PKCS#8 private key");
    byte[] der = Base64.getMimeDecoder().decode(match.group(2));
    if (match.group(1) != null) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.write(new byte[] {0x02, 0x01, 0x00});
      body.write(RSA_ALGORITHM);
      body.write(0x04);
      body.write(length(der.length));
      body.write(der);
      ByteArrayOutputStream info = new ByteArrayOutputStream();
      info.write(0x30);
      info.write(length(body.size()));
      body.writeTo(info);
      der = info.toByteArray();
    }
    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  /** A DER length. */
  private static byte[] length(int n) {
    if (n < 0x80) return new byte[] {(byte) n};
    if (n < 0x100) return new byte[] {(byte) 0x81, (byte) n};
    if (n < 0x10000) return new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
    return new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
  }
}
