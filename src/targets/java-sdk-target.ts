import { readFileSync } from 'node:fs';
import { copyFile, cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BundledImplementation, InstallContext, Installer } from './bundled-implementation.js';
import { runLoggedStep } from './logged-step.js';
import { packagePath } from '../meta/package-info.js';
import { shellQuote } from './shell-quote.js';
import { sourceHash } from './source-hash.js';

const SOURCE_DIR = packagePath('implementations', 'azure-iot-java-sdk');
const JAR = 'azure-iot-java-sdk-adapter.jar';
/** overrides the provisioning-device-client version the adapter is built against */
export const JAVA_SDK_VERSION_ENV = 'DPSC_JAVA_SDK_VERSION';

function sdkVersion(env: NodeJS.ProcessEnv): string {
  const override = env[JAVA_SDK_VERSION_ENV];
  if (override) return override;
  const match = /<sdk\.version>([^<]+)<\/sdk\.version>/.exec(readFileSync(join(SOURCE_DIR, 'pom.xml'), 'utf8'));
  return match?.[1] ?? 'unknown';
}

const javaInstaller: Installer = {
  describe: (env) => `provisioning-device-client ${sdkVersion(env)} (Maven Central), adapter built with mvn`,
  key: (env) => `${sdkVersion(env)}-${sourceHash(SOURCE_DIR, ['pom.xml', 'src'], [sdkVersion(env)])}`,
  async install(dir: string, context: InstallContext): Promise<void> {
    const { logPath, env, signal } = context;
    const build = join(dir, 'build');
    await cp(join(SOURCE_DIR, 'pom.xml'), join(build, 'pom.xml'));
    await cp(join(SOURCE_DIR, 'src'), join(build, 'src'), { recursive: true });
    context.progress(`mvn package: fetching provisioning-device-client ${sdkVersion(env)} and building the adapter`);
    const args = ['-B', '--no-transfer-progress', `-Dsdk.version=${sdkVersion(env)}`, 'package'];
    await runLoggedStep('mvn package', 'mvn', args, logPath, { cwd: build, env, signal });
    await copyFile(join(build, 'target', JAR), join(dir, JAR));
    await rm(build, { recursive: true, force: true });
  },
  // a small heap, the serial collector and the C1 compiler alone, small stacks, code cache and
  // metaspace: `run` starts 15 of these JVMs at once (3 per transport), each holding one registration
  // at a time; the JVM's defaults (a quarter of the machine's memory, both JIT tiers) made each the
  // largest process of a run and the JIT most of its CPU (docs/performance.md)
  command: (dir) =>
    `java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xms8m -Xmx128m -Xss256k -XX:ReservedCodeCacheSize=24m -XX:MaxMetaspaceSize=96m -jar ${shellQuote(join(dir, JAR))}`,
};

/** The Azure IoT Java provisioning device SDK 2.x: HTTPS, MQTT, AMQP (each also over WebSocket) at fixed ports. */
export const JAVA_SDK: BundledImplementation = {
  name: 'azure-iot-java-sdk',
  label: 'Azure IoT Java SDK',
  reportsAs: 'com.microsoft.azure.sdk.iot.provisioning:provisioning-device-client',
  transports: ['https', 'mqtt', 'mqtt-ws', 'amqp', 'amqp-ws'],
  runtimes: ['java'],
  installTools: ['mvn'],
  standardPorts: true,
  // measured: about 1 s per refused registration and 4 to 6 s per assigned one, mostly waiting (docs/performance.md)
  adaptersPerTransport: 3,
  installer: javaInstaller,
};
