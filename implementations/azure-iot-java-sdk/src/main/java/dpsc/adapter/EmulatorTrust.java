package dpsc.adapter;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** An SSLContext that trusts exactly the CA the harness gives (the emulator's). */
final class EmulatorTrust {
  private EmulatorTrust() {}

  static SSLContext forCaPem(String caPem) throws Exception {
    return forCaPem(caPem, null);
  }

  /** The same trust, presenting the given key managers' client certificate (X.509 attestation). */
  static SSLContext forCaPem(String caPem, KeyManager[] keys) throws Exception {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int index = 0;
    for (Certificate cert : factory.generateCertificates(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)))) {
      store.setCertificateEntry("emulator-ca-" + index++, cert);
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLSv1.2");
    context.init(keys, trust.getTrustManagers(), null);
    return context;
  }
}
