package dpsc.adapter;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Adapter protocol v1 for the Azure IoT Java provisioning device SDK: one JSON request per line on
 * stdin, exactly one reply per request on stdout, everything else (the SDK's logs too) on stderr.
 * See docs/contract/adapter-protocol.md.
 */
public final class Adapter {
  private Adapter() {}

  public static void main(String[] args) throws Exception {
    // protocol lines only on the real stdout: whatever the SDK or its libraries print goes to stderr
    PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    Registrar registrar = new Registrar();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isBlank()) continue;
      JsonObject request;
      try {
        JsonElement parsed = JsonParser.parseString(line);
        if (!parsed.isJsonObject()) {
          log("ignoring a request that is not a JSON object");
          continue;
        }
        request = parsed.getAsJsonObject();
      } catch (JsonParseException e) {
        log("ignoring a request line that is not JSON: " + e.getMessage());
        continue;
      }
      JsonElement seq = request.get("seq");
      String cmd = request.has("cmd") && request.get("cmd").isJsonPrimitive() ? request.get("cmd").getAsString() : "";
      JsonObject reply;
      switch (cmd) {
        case "start":
          reply = registrar.claims();
          break;
        case "register":
          try {
            reply = registrar.register(request);
          } catch (Exception e) {
            reply = Replies.error("adapter failure: " + e, e);
          }
          break;
        case "stop":
          reply = new JsonObject();
          reply.addProperty("stopped", true);
          reply.add("seq", seq);
          protocol.println(Replies.GSON.toJson(reply));
          protocol.flush();
          // SDK threads of a registration still in flight must not keep the process alive
          Runtime.getRuntime().halt(0);
          return;
        default:
          log("ignoring unknown command " + cmd);
          continue;
      }
      reply.add("seq", seq);
      protocol.println(Replies.GSON.toJson(reply));
    }
    protocol.flush();
    Runtime.getRuntime().halt(0);
  }

  static void log(String line) {
    System.err.println("[azure-iot-java-sdk] " + line);
  }
}
