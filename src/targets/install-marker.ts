import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Written last into an install; a directory without it is not an install. */
export const MARKER_FILE = 'installed.json';

export interface InstallMarker {
  name: string;
  /** what was installed, e.g. `azure-iot-device 2.14.0` */
  installed: string;
  key: string;
  installedAt: string;
}

function isMarker(value: unknown): value is InstallMarker {
  if (value === null || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  return ['name', 'installed', 'key', 'installedAt'].every((member) => typeof record[member] === 'string');
}

/** The marker of a finished install in `dir`, or undefined (absent, unreadable, or not one). */
export function readMarker(dir: string): InstallMarker | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(dir, MARKER_FILE), 'utf8'));
    return isMarker(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
