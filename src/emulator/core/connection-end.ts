/**
 * How a device connection ended: the device said goodbye (MQTT DISCONNECT, AMQP `close`), the
 * connection ended without that (a crash, a lost network, a killed process), the emulator ended it
 * (a refusal, a limit), or it was still open when the emulator stopped.
 */
export type ConnectionEnd = 'disconnect' | 'dropped' | 'emulator' | 'emulator-stopped';
