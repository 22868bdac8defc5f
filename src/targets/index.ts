/** Installing and finding the bundled implementations (the SDK targets `run` tests). */
export type { BundledImplementation, Installer, InstallContext } from './bundled-implementation.js';
export { BUNDLED_IMPLEMENTATIONS, REFERENCE_WEBHOOK, bundledNames, installableImplementations } from './bundled-implementations.js';
export { ensureInstalled, installDirOf, missingPrograms, type TargetReadiness, type EnsureOptions } from './ensure-installed.js';
export { targetsCacheDir } from './cache-dir.js';
export { readMarker, type InstallMarker } from './install-marker.js';
export { PYTHON_SDK_VERSION_ENV } from './python-sdk-target.js';
export { JAVA_SDK_VERSION_ENV } from './java-sdk-target.js';
