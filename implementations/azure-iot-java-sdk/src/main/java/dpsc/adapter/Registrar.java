package dpsc.adapter;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.azure.sdk.iot.provisioning.device.AdditionalData;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClient;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientRegistrationResult;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientStatus;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientTransportProtocol;
import com.microsoft.azure.sdk.iot.provisioning.security.SecurityProvider;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One registration through the SDK's public API, per register request. */
final class Registrar {
  /** the SDK's transports, by protocol name, with the port each dials (the SDK has no port option) */
  private static final Map<String, ProvisioningDeviceClientTransportProtocol> PROTOCOLS = Map.of(
      "https", ProvisioningDeviceClientTransportProtocol.HTTPS,
      "mqtt", ProvisioningDeviceClientTransportProtocol.MQTT,
      "mqtt-ws", ProvisioningDeviceClientTransportProtocol.MQTT_WS,
      "amqp", ProvisioningDeviceClientTransportProtocol.AMQPS,
      "amqp-ws", ProvisioningDeviceClientTransportProtocol.AMQPS_WS);
  private static final Map<String, Integer> DIALED = Map.of("https", 443, "mqtt", 8883, "mqtt-ws", 443, "amqp", 5671, "amqp-ws", 443);
  /** the endpoint member naming the port each transport is served at (the WebSocket ones share HTTPS's) */
  private static final Map<String, String> SERVED_AT = Map.of("https", "httpsPort", "mqtt", "mqttPort", "mqtt-ws", "httpsPort", "amqp", "amqpPort", "amqp-ws", "httpsPort");
  /** time kept back from the harness's timeoutMs so that the reply arrives in time */
  private static final long REPLY_MARGIN_MS = 300;

  private final String sdkVersion = sdkVersion();

  JsonObject claims() {
    JsonObject implementation = new JsonObject();
    implementation.addProperty("name", "com.microsoft.azure.sdk.iot.provisioning:provisioning-device-client");
    implementation.addProperty("version", sdkVersion);
    implementation.addProperty("language", "java");
    implementation.addProperty("homepage", "https://github.com/Azure/azure-iot-sdk-java");
    JsonObject reply = new JsonObject();
    reply.add("implementation", implementation);
    reply.add("dialects", array("ga"));
    reply.add("transports", array("https", "mqtt", "mqtt-ws", "amqp", "amqp-ws"));
    reply.add("attestations", array("symmetricKey", "x509"));
    return reply;
  }

  JsonObject register(JsonObject request) throws Exception {
    String dialect = text(request, "dialect");
    String transport = text(request, "transport");
    JsonObject attestation = request.has("attestation") && request.get("attestation").isJsonObject() ? request.getAsJsonObject("attestation") : new JsonObject();
    if (!"ga".equals(dialect)) return Replies.skipped("dialect " + dialect + ": the SDK sends and reads `payload` only (ga)");
    ProvisioningDeviceClientTransportProtocol protocol = PROTOCOLS.get(transport);
    if (protocol == null) return Replies.skipped("transport " + transport + " not supported by this adapter");
    String attestationType = text(attestation, "type");
    if (!"symmetricKey".equals(attestationType) && !"x509".equals(attestationType)) {
      return Replies.skipped("attestation " + attestationType + " not supported by this adapter");
    }
    JsonObject endpoint = request.getAsJsonObject("endpoint");
    JsonElement port = endpoint.get(SERVED_AT.get(transport));
    if (port == null || !port.isJsonPrimitive()) return Replies.skipped("the emulator does not say where it serves " + transport);
    int served = port.getAsInt();
    if (served != DIALED.get(transport)) {
      return Replies.skipped("the SDK dials port " + DIALED.get(transport) + " and has no port option; the emulator serves " + transport + " at " + served + " (start it with standard ports)");
    }
    String host = text(endpoint, "host");
    String registrationId = text(request, "registrationId");
    String caPem = text(endpoint, "caPem");
    SecurityProvider security = "x509".equals(attestationType)
        ? new TrustingX509(new PemDevice(text(attestation, "certPem"), text(attestation, "chainPem"), text(attestation, "keyPem")), caPem)
        : new TrustingSymmetricKey(text(attestation, "key"), registrationId, EmulatorTrust.forCaPem(caPem));
    ProvisioningDeviceClient client = ProvisioningDeviceClient.create(host, text(request, "idScope"), protocol, security);
    long timeoutMs = request.has("timeoutMs") ? request.get("timeoutMs").getAsLong() : 20_000;
    CompletableFuture<JsonObject> outcome = new CompletableFuture<>();
    Adapter.log("register " + registrationId + " over " + transport + " via " + host);
    try {
      if (request.has("data")) {
        // the payload is given as JSON text, as setProvisioningPayload documents
        AdditionalData data = new AdditionalData();
        data.setProvisioningPayload(Replies.GSON.toJson(request.get("data")));
        client.registerDevice((result, error, context) -> outcome.complete(reply(result, error, registrationId)), null, data);
      } else {
        client.registerDevice((result, error, context) -> outcome.complete(reply(result, error, registrationId)), null);
      }
      return outcome.get(Math.max(1, timeoutMs - REPLY_MARGIN_MS), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      JsonObject reported = new JsonObject();
      String waited = "the registration callback had not run after " + (timeoutMs - REPLY_MARGIN_MS) + " ms (the adapter stopped waiting)";
      String deadlock = SdkDeadlock.describe(registrationId);
      if (deadlock != null) Adapter.log(registrationId + ": " + deadlock);
      reported.addProperty("message", deadlock == null ? waited : waited + "; " + deadlock);
      reported.addProperty("adapterDeadline", true);
      JsonObject reply = new JsonObject();
      reply.add("error", reported);
      return reply;
    } finally {
      Thread closer = new Thread(client::close, "close-" + registrationId);
      closer.setDaemon(true);
      closer.start();
    }
  }

  /** What the SDK handed the application's callback. */
  private static JsonObject reply(ProvisioningDeviceClientRegistrationResult result, Exception error, String registrationId) {
    ProvisioningDeviceClientStatus status = result == null ? null : result.getProvisioningDeviceClientStatus();
    if (status == ProvisioningDeviceClientStatus.PROVISIONING_DEVICE_STATUS_ASSIGNED && error == null) {
      JsonObject reported = new JsonObject();
      reported.addProperty("status", result.getStatus() == null ? "assigned" : result.getStatus());
      if (result.getIothubUri() != null) reported.addProperty("assignedHub", result.getIothubUri());
      if (result.getDeviceId() != null) reported.addProperty("deviceId", result.getDeviceId());
      if (result.getSubstatus() != null) reported.addProperty("substatus", result.getSubstatus().getValue());
      String payload = result.getProvisioningPayload();
      if (payload != null) reported.add("returnData", JsonParser.parseString(payload));
      JsonObject reply = new JsonObject();
      reply.add("result", reported);
      return reply;
    }
    String message = error != null ? error.toString() : "the SDK reported " + status + " without an exception";
    // the SDK gives up on a status poll after 10 s with a bare TimeoutException: the same deadlock, on a poll
    String deadlock = timedOut(error) ? SdkDeadlock.describe(registrationId) : null;
    if (deadlock != null) {
      Adapter.log(registrationId + ": " + deadlock);
      message = message + "; " + deadlock;
    }
    JsonObject reply = Replies.error(message, error);
    if (status != null) reply.getAsJsonObject("error").addProperty("registrationStatus", status.name());
    return reply;
  }

  private static boolean timedOut(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException) return true;
    }
    return false;
  }

  private static String sdkVersion() {
    String resource = "/META-INF/maven/com.microsoft.azure.sdk.iot.provisioning/provisioning-device-client/pom.properties";
    try (InputStream in = Registrar.class.getResourceAsStream(resource)) {
      if (in != null) {
        Properties properties = new Properties();
        properties.load(in);
        return properties.getProperty("version", "unknown");
      }
    } catch (Exception e) {
      Adapter.log("cannot read the SDK version: " + e);
    }
    return "unknown";
  }

  private static String text(JsonObject object, String member) {
    JsonElement value = object.get(member);
    return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
  }

  private static JsonArray array(String... items) {
    JsonArray array = new JsonArray();
    for (String item : items) array.add(item);
    return array;
  }
}
