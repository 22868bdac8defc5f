import type { Dialect } from '../results/check-result.js';
import { HttpsDevice } from './https-device.js';
import { MqttDevice } from './mqtt-device.js';
import type { DeviceEndpoint, SimulatedDevice } from './simulated-device.js';

/** How many devices connect at once while a fleet is set up (MQTT connects cost a TLS handshake each). */
const CONNECT_BATCH = 25;

/** The registration ID of fleet device i (0-based): `dpsc-load-00001`, ... */
export function fleetRegistrationId(index: number, prefix = 'dpsc-load'): string {
  return `${prefix}-${String(index + 1).padStart(5, '0')}`;
}

/** A fleet of simulated devices, each used by one registration at a time. */
export class DeviceFleet {
  readonly #idle: SimulatedDevice[];
  readonly #dialects = new Map<SimulatedDevice, Dialect>();

  private constructor(readonly devices: readonly SimulatedDevice[]) {
    this.#idle = [...devices].reverse();
  }

  /** Creates (and for MQTT connects) `count` devices of an enrollment group; rejects when one cannot connect. */
  static async create(options: { endpoint: DeviceEndpoint; groupKey: string; count: number; transport: 'https' | 'mqtt'; prefix?: string }): Promise<DeviceFleet> {
    const devices: SimulatedDevice[] = [];
    try {
      for (let first = 0; first < options.count; first += CONNECT_BATCH) {
        const ids = Array.from({ length: Math.min(CONNECT_BATCH, options.count - first) }, (_, i) => fleetRegistrationId(first + i, options.prefix));
        const batch = await Promise.all(
          ids.map((id): Promise<SimulatedDevice> => (options.transport === 'https' ? Promise.resolve(new HttpsDevice(options.endpoint, id, options.groupKey)) : MqttDevice.connect(options.endpoint, id, options.groupKey))),
        );
        devices.push(...batch);
      }
    } catch (error) {
      await Promise.all(devices.map((d) => d.close()));
      throw error;
    }
    return new DeviceFleet(devices);
  }

  get idleCount(): number {
    return this.#idle.length;
  }

  /** An idle device, marked busy; undefined when every device is busy. */
  take(): SimulatedDevice | undefined {
    return this.#idle.pop();
  }

  release(device: SimulatedDevice): void {
    this.#idle.unshift(device);
  }

  /** The dialect the emulator was last told to speak to this device (undefined: its default). */
  dialectOf(device: SimulatedDevice): Dialect | undefined {
    return this.#dialects.get(device);
  }

  setDialect(device: SimulatedDevice, dialect: Dialect): void {
    this.#dialects.set(device, dialect);
  }

  async close(): Promise<void> {
    await Promise.all(this.devices.map((d) => d.close().catch(() => undefined)));
  }
}
