import { readFile } from 'node:fs/promises';
import { invalidConfigError, notJsonError, unreadableFileError } from '../../../../errors/harness-error.js';
import { getSchemaRegistry } from '../../../../schemas/schema-registry.js';
import type { EmulatorConfigFile } from './emulator-config.js';

/**
 * Reads and validates an emulator config file. A user mistake is a harness error (exit 2) that says
 * where: line and column for JSON syntax, the JSON Pointer for schema problems.
 */
export async function loadEmulatorConfig(path: string): Promise<EmulatorConfigFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw unreadableFileError(path, error);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    throw notJsonError(path, message, positionOf(text, message));
  }
  const outcome = getSchemaRegistry().validate('harness/emulator-config', undefined, value);
  if (!outcome.valid) throw invalidConfigError(path, outcome.errors.map((e) => `at ${e.path || '/'}: ${e.message}`));
  return value as EmulatorConfigFile;
}

/** Line and column of a JSON.parse error, from the `position N` Node puts in its message. */
function positionOf(text: string, message: string): { line: number; column: number } | undefined {
  const match = /position (\d+)/.exec(message);
  if (!match) return undefined;
  const before = text.slice(0, Number(match[1]));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}
