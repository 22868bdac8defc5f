package dpsc.adapter;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * Names the SDK's MQTT deadlock when a registration's callback has not run in time (README.md,
 * findings): paho's callback thread holds the service's answer and is blocked entering the SDK's
 * {@code MqttConnection.messageArrived}, whose lock is held by {@code MqttConnection.publishMessage},
 * which waits for a publish token that only that callback thread completes. Read from the JVM's own
 * thread dump; nothing of the SDK is called.
 */
final class SdkDeadlock {
  private static final String CONNECTION = "com.microsoft.azure.sdk.iot.provisioning.device.transport.mqtt.MqttConnection";
  /** paho names each client's callback thread "MQTT Call: " + the client id, which the SDK sets to the registration id */
  private static final String CALLBACK_THREAD = "MQTT Call: ";

  private SdkDeadlock() {}

  /** The deadlock of this registration's MQTT connection, in words, or null when its threads are not in it. */
  static String describe(String registrationId) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (ThreadInfo callback : threads.dumpAllThreads(false, false)) {
      if (callback == null || !(CALLBACK_THREAD + registrationId).equals(callback.getThreadName())) continue;
      if (callback.getThreadState() != Thread.State.BLOCKED || !inMethod(callback, "messageArrived")) continue;
      ThreadInfo owner = callback.getLockOwnerId() < 0 ? null : threads.getThreadInfo(callback.getLockOwnerId(), Integer.MAX_VALUE);
      if (owner == null || !inMethod(owner, "publishMessage")) continue;
      return "the SDK deadlocked: paho's callback thread (" + callback.getThreadName() + ") has received the answer and is "
          + "blocked entering MqttConnection.messageArrived, whose lock " + owner.getThreadName() + " holds in "
          + "MqttConnection.publishMessage while it waits (" + owner.getThreadState() + ", no time limit) for the "
          + "publish to complete, which paho marks on that same callback thread (see the adapter's README, findings)";
    }
    return null;
  }

  private static boolean inMethod(ThreadInfo thread, String method) {
    for (StackTraceElement frame : thread.getStackTrace()) {
      if (CONNECTION.equals(frame.getClassName()) && method.equals(frame.getMethodName())) return true;
    }
    return false;
  }
}
