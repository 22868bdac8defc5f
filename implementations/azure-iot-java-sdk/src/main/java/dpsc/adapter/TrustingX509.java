package dpsc.adapter;

import com.microsoft.azure.sdk.iot.provisioning.security.SecurityProviderX509;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The SDK's X.509 security provider: leaf, key and intermediates as the SDK asks for them, with
 * `getSSLContext()` overridden (as TrustingSymmetricKey does) so that the transports trust the
 * emulator's CA; the context presents the leaf followed by the chain as the TLS client certificate.
 */
final class TrustingX509 extends SecurityProviderX509 {
  private static final char[] PASSWORD = "dpsc".toCharArray();
  private final PemDevice device;
  private final SSLContext context;

  TrustingX509(PemDevice device, String caPem) throws Exception {
    this.device = device;
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    Certificate[] presented = new Certificate[device.chain.size() + 1];
    presented[0] = device.leaf;
    for (int i = 0; i < device.chain.size(); i++) presented[i + 1] = device.chain.get(i);
    store.setKeyEntry("device", device.key, PASSWORD, presented);
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, PASSWORD);
    this.context = EmulatorTrust.forCaPem(caPem, keys.getKeyManagers());
  }

  @Override
  public String getClientCertificateCommonName() {
    try {
      for (Rdn rdn : new LdapName(device.leaf.getSubjectX500Principal().getName()).getRdns()) {
        if ("CN".equalsIgnoreCase(rdn.getType())) return rdn.getValue().toString();
      }
    } catch (Exception e) {
      Adapter.log("cannot read the certificate's common name: " + e);
    }
    return null;
  }

  @Override
  public X509Certificate getClientCertificate() {
    return device.leaf;
  }

  @Override
  public Key getClientPrivateKey() {
    return device.key;
  }

  @Override
  public Collection<X509Certificate> getIntermediateCertificatesChain() {
    return device.chain;
  }

  @Override
  public SSLContext getSSLContext() {
    return context;
  }
}
