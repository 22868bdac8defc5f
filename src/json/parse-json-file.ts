import { readFileSync } from 'node:fs';
import { HarnessError, HarnessErrorCode, notJsonError, unreadableFileError } from '../errors/harness-error.js';
import { parse } from 'lossless-json';
import { COPY_DEPTH_LIMIT, jsonTextDepth } from './json-depth.js';
import { parseJson } from './parse-json.js';

/** Line and column (1-based) of a character offset in a text. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/**
 * Where the mistake is in a text JSON.parse refused, and what it is, as lossless-json's parser says
 * ("... at position N"): JSON.parse in Node 20 does not always say where, and a person fixing a config
 * file needs the line and column. Undefined when it cannot tell.
 */
function locateJsonError(text: string): { offset: number; reason: string } | undefined {
  // lossless-json descends recursively: parseJsonText refused a text deeper than COPY_DEPTH_LIMIT before
  try {
    parse(text, null, { onDuplicateKey: ({ newValue }) => newValue });
    return undefined;
  } catch (error) {
    const said = error instanceof SyntaxError ? /^(.+?) at position (\d+)$/s.exec(error.message) : null;
    return said?.[1] === undefined ? undefined : { offset: Number(said[2]), reason: said[1] };
  }
}

/**
 * Parses JSON text; on failure throws a HarnessError naming the file and the line and column of the
 * mistake. `exact`: read with parseJson, an integer beyond 2^53 kept as a `bigint` (a report read back);
 * otherwise JSON.parse (configuration, whose schemas know no bigint).
 */
export function parseJsonText(text: string, label: string, options: { exact?: boolean } = {}): unknown {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // a value this deep would break every later walk of it (and JSON.stringify): refused as the file's mistake
  const depth = jsonTextDepth(source, COPY_DEPTH_LIMIT);
  if (depth > COPY_DEPTH_LIMIT) {
    throw new HarnessError(HarnessErrorCode.NOT_JSON, `${label} nests more than ${COPY_DEPTH_LIMIT} levels deep, deeper than the harness reads`, { path: label });
  }
  try {
    return options.exact === true ? parseJson(source) : (JSON.parse(source) as unknown);
  } catch (error) {
    const located = locateJsonError(source);
    if (located) throw notJsonError(label, located.reason, positionOf(source, located.offset));
    throw notJsonError(label, error instanceof Error ? error.message : String(error));
  }
}

/** Reads a text file (`-` reads standard input); an unreadable one is a HarnessError (exit 2). */
export function readTextFile(path: string): string {
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw unreadableFileError(path === '-' ? 'standard input' : path, error);
  }
}

/** Reads and parses a JSON file (`-` reads standard input); every failure is a HarnessError (exit 2). */
export function readJsonFile(path: string): unknown {
  return parseJsonText(readTextFile(path), path === '-' ? 'standard input' : path);
}
