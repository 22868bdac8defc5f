import { readFileSync } from 'node:fs';
import { notJsonError, unreadableFileError } from '../errors/harness-error.js';
import { parse } from 'lossless-json';
import { jsonDepth } from './json-depth.js';
import { MAX_JSON_DEPTH } from './parse-json.js';

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
  // lossless-json descends recursively: a text this deep gets JSON.parse's word alone
  if (jsonDepth(text) > MAX_JSON_DEPTH) return undefined;
  try {
    parse(text, null, { onDuplicateKey: ({ newValue }) => newValue });
    return undefined;
  } catch (error) {
    const said = error instanceof SyntaxError ? /^(.+?) at position (\d+)$/s.exec(error.message) : null;
    return said?.[1] === undefined ? undefined : { offset: Number(said[2]), reason: said[1] };
  }
}

/** Parses JSON text; on failure throws a HarnessError naming the file and the line and column of the mistake. */
export function parseJsonText(text: string, label: string): unknown {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(source) as unknown;
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
