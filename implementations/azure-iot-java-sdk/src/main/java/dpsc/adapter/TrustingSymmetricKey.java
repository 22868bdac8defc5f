package dpsc.adapter;

import com.microsoft.azure.sdk.iot.provisioning.security.SecurityProviderSymmetricKey;
import javax.net.ssl.SSLContext;

/**
 * The SDK's symmetric-key security provider with the SSLContext it hands its transports replaced:
 * `SecurityProvider.getSSLContext()` is public and overridable, the SDK's documented way to choose
 * the trusted CA. Key handling and the SAS token stay the SDK's own.
 */
final class TrustingSymmetricKey extends SecurityProviderSymmetricKey {
  private final SSLContext context;

  TrustingSymmetricKey(String key, String registrationId, SSLContext context) {
    super(key, key, registrationId);
    this.context = context;
  }

  @Override
  public SSLContext getSSLContext() {
    return context;
  }
}
