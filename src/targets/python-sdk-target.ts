import { readFileSync } from 'node:fs';
import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BundledImplementation, InstallContext, Installer } from './bundled-implementation.js';
import { runLoggedStep } from './logged-step.js';
import { packagePath } from '../meta/package-info.js';
import { shellQuote } from './shell-quote.js';
import { sourceHash } from './source-hash.js';


const SOURCE_DIR = packagePath('implementations', 'azure-iot-python-sdk');
const SDK_PACKAGE = 'azure-iot-device';
/** overrides the pinned azure-iot-device version (the pins of the packages under it stay) */
export const PYTHON_SDK_VERSION_ENV = 'DPSC_PYTHON_SDK_VERSION';

function pinnedRequirements(env: NodeJS.ProcessEnv): string {
  const pinned = readFileSync(join(SOURCE_DIR, 'requirements.txt'), 'utf8');
  const override = env[PYTHON_SDK_VERSION_ENV];
  if (!override) return pinned;
  return pinned.replace(new RegExp(`^${SDK_PACKAGE}==.*$`, 'm'), `${SDK_PACKAGE}==${override}`);
}

function sdkVersion(env: NodeJS.ProcessEnv): string {
  const match = new RegExp(`^${SDK_PACKAGE}==(\\S+)`, 'm').exec(pinnedRequirements(env));
  return match?.[1] ?? 'unpinned';
}

const pythonInstaller: Installer = {
  describe: (env) => `${SDK_PACKAGE} ${sdkVersion(env)} (PyPI) in a Python venv`,
  key: (env) => `${sdkVersion(env)}-${sourceHash(SOURCE_DIR, ['adapter.py'], [pinnedRequirements(env)])}`,
  async install(dir: string, context: InstallContext): Promise<void> {
    const { logPath, env, signal } = context;
    const venv = join(dir, 'venv');
    context.progress('creating a Python venv (python3 -m venv)');
    await runLoggedStep('python3 -m venv', 'python3', ['-m', 'venv', venv], logPath, { env, signal });
    await writeFile(join(dir, 'requirements.txt'), pinnedRequirements(env));
    context.progress(`pip install ${SDK_PACKAGE}==${sdkVersion(env)} and its pinned dependencies`);
    const pip = ['-m', 'pip', 'install', '--no-input', '--disable-pip-version-check', '--require-virtualenv', '-r', join(dir, 'requirements.txt')];
    await runLoggedStep('pip install', join(venv, 'bin', 'python'), pip, logPath, { env: { ...env, PIP_REQUIRE_VIRTUALENV: '1' }, signal });
    await copyFile(join(SOURCE_DIR, 'adapter.py'), join(dir, 'adapter.py'));
    // the adapter imports the SDK at start; a broken install fails here, not in the first case
    await runLoggedStep('import check', join(venv, 'bin', 'python'), ['-c', 'import azure.iot.device'], logPath, { env, signal });
  },
  command: (dir) => `${shellQuote(join(dir, 'venv', 'bin', 'python'))} ${shellQuote(join(dir, 'adapter.py'))}`,
};

/** The Azure IoT Python device SDK (azure-iot-device 2.x): MQTT and MQTT over WebSocket, fixed ports. */
export const PYTHON_SDK: BundledImplementation = {
  name: 'azure-iot-python-sdk',
  label: 'Azure IoT Python SDK',
  reportsAs: 'azure-iot-device',
  transports: ['mqtt', 'mqtt-ws'],
  runtimes: ['python3'],
  standardPorts: true,
  // register() waits a fixed 2 s (DEFAULT_POLLING_INTERVAL) before its first poll (see docs/performance.md)
  adaptersPerTransport: 4,
  installer: pythonInstaller,
};
