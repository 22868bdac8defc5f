import type { Transport } from '../results/check-result.js';

/** What an installer's steps get: where to log, the environment, and the run's signal. */
export interface InstallContext {
  logPath: string;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal | undefined;
  /** one line of progress for a person */
  progress(line: string): void;
}

/** How one SDK is installed into the cache. */
export interface Installer {
  /** what gets installed, e.g. `azure-iot-device 2.14.0` (environment overrides included) */
  describe(env: NodeJS.ProcessEnv): string;
  /** a name for this exact install (versions and adapter sources); a change means a new install */
  key(env: NodeJS.ProcessEnv): string;
  /** fills `dir` (empty, temporary); a step that fails rejects with an InstallFailure */
  install(dir: string, context: InstallContext): Promise<void>;
  /** the adapter command (for a shell) once installed in `dir` */
  command(dir: string): string;
}

/** One bundled implementation `run` can test (the `--implementations` names). */
export interface BundledImplementation {
  name: string;
  /** the suite title, e.g. `Azure IoT Python SDK` */
  label: string;
  /** the implementation name its adapter reports (the matrix row when it cannot run) */
  reportsAs: string;
  transports: readonly Transport[];
  /** programs that must be on PATH to run it */
  runtimes: readonly string[];
  /** programs that must be on PATH to install it (besides the runtimes) */
  installTools?: readonly string[];
  /** the SDK dials 443/8883/5671 and takes no port: it needs a standard-ports emulator */
  standardPorts: boolean;
  /**
   * How many adapters share each transport's cases in `run` (default 1). An SDK that waits a fixed
   * time in every registration (Python: 2 s before its first poll; Java: about 1 s even when refused)
   * is idle most of its suite; several adapters overlap that waiting (docs/performance.md).
   */
  adaptersPerTransport?: number;
  /** absent for the implementations that ship ready (Node.js, in this package) */
  installer?: Installer;
  /** the adapter command for an implementation without an installer */
  command?: () => string;
}
