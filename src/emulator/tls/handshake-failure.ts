/** The listeners whose TLS handshakes are recorded: the HTTPS port also carries MQTT and AMQP over WebSocket. */
export type TlsListener = 'https' | 'mqtt' | 'amqp';

const PORTS: Record<TlsListener, string> = {
  https: 'the HTTPS port (HTTPS, MQTT and AMQP over WebSocket)',
  mqtt: 'the MQTT port',
  amqp: 'the AMQP port',
};

/**
 * A failed TLS handshake, in words a device vendor can act on. A device that never gets through TLS
 * names no registration, so nothing else in the report would show it was there; the usual causes are
 * the device not trusting the emulator's CA or dialling a name its certificate does not carry.
 */
export function describeHandshakeFailure(listener: TlsListener, error: Error): string {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  // OpenSSL's errors carry the short reason ("tlsv1 alert unknown ca") beside a long message with source paths
  const reason = (error as { reason?: unknown }).reason;
  const said = typeof reason === 'string' && reason !== '' ? reason : error.message.trim() || code;
  const what = `TLS handshake on ${PORTS[listener]} failed: ${said}`;
  // OpenSSL's alert codes, as the device sent them (ERR_SSL_TLSV1_ALERT_UNKNOWN_CA, ...)
  if (/UNKNOWN_CA|BAD_CERTIFICATE|CERTIFICATE_UNKNOWN|UNSUPPORTED_CERTIFICATE|CERTIFICATE_EXPIRED|DECRYPT_ERROR/i.test(code)) {
    return `${what} (the device refused the emulator's certificate: does it trust emulator-ca.pem, and does it dial a name the certificate carries: localhost, the --host address or the --server-name?)`;
  }
  if (code === 'ECONNRESET' || /disconnected before secure TLS connection/i.test(error.message)) {
    return `${what} (the device closed during the handshake without a TLS alert: some TLS stacks close so when they reject the emulator's certificate (does it trust emulator-ca.pem, and dial a name the certificate carries?), or the process ended)`;
  }
  if (code === 'ERR_TLS_HANDSHAKE_TIMEOUT') return `${what} (the device did not finish the handshake in time)`;
  if (/WRONG_VERSION_NUMBER|HTTP_REQUEST|UNKNOWN_PROTOCOL|PACKET_LENGTH_TOO_LONG/i.test(code)) {
    return `${what} (the device did not speak TLS: plain TCP or HTTP to a TLS port?)`;
  }
  return what;
}
