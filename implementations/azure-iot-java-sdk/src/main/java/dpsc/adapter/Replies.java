package dpsc.adapter;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.microsoft.azure.sdk.iot.provisioning.device.internal.exceptions.ProvisioningDeviceHubException;

/** Builders for the register replies. */
final class Replies {
  /** writes numbers with the digits they were read with; no HTML escaping of `<`, `>`, `&`, `=` */
  static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

  private Replies() {}

  static JsonObject skipped(String reason) {
    JsonObject skipped = new JsonObject();
    skipped.addProperty("reason", reason);
    JsonObject reply = new JsonObject();
    reply.add("skipped", skipped);
    return reply;
  }

  /** The error the SDK reported: its message chain, and the error code where the SDK's exception carries one. */
  static JsonObject error(String message, Throwable error) {
    JsonObject reported = new JsonObject();
    StringBuilder text = new StringBuilder(message);
    Throwable cause = error == null ? null : error.getCause();
    for (int depth = 0; cause != null && depth < 5; depth++, cause = cause.getCause()) {
      text.append("; caused by ").append(cause);
    }
    reported.addProperty("message", text.toString());
    if (error != null) reported.addProperty("name", error.getClass().getSimpleName());
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ProvisioningDeviceHubException) {
        int code = ((ProvisioningDeviceHubException) t).getErrorCode();
        if (code > 0) reported.addProperty("errorCode", code);
        break;
      }
    }
    JsonObject reply = new JsonObject();
    reply.add("error", reported);
    return reply;
  }
}
