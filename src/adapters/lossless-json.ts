import { COPY_DEPTH_LIMIT } from '../json/json-depth.js';

/**
 * JSON that keeps integers beyond 2^53: `JSON.parse` rounds them silently, which would hide exactly the
 * defect `device.returnData.bigIntegers` looks for, and would make the harness itself corrupt device data
 * it forwards. Integers outside the safe range become `bigint`; everything else is what JSON.parse gives.
 */

/** A JSON value as the harness holds it: like JSON.parse output, with bigint for unsafe integers. */
export type LosslessJson = null | boolean | number | bigint | string | LosslessJson[] | { [key: string]: LosslessJson };

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** Parses JSON text (RFC 8259, strict); throws SyntaxError naming the offset. */
export function parseLosslessJson(text: string): LosslessJson {
  let pos = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at offset ${pos}`);
  };
  const skip = (): void => {
    while (pos < text.length && WHITESPACE.has(text.charCodeAt(pos))) pos += 1;
  };
  const parseString = (): string => {
    pos += 1; // opening quote
    let out = '';
    let start = pos;
    for (;;) {
      if (pos >= text.length) fail('unterminated string');
      const code = text.charCodeAt(pos);
      if (code === 0x22) {
        out += text.slice(start, pos);
        pos += 1;
        return out;
      }
      if (code < 0x20) fail('control character in string');
      if (code === 0x5c) {
        out += text.slice(start, pos);
        const esc = text[pos + 1];
        pos += 2;
        switch (esc) {
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'u': {
            const hex = text.slice(pos, pos + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape');
            out += String.fromCharCode(parseInt(hex, 16));
            pos += 4;
            break;
          }
          default: fail('bad escape');
        }
        start = pos;
        continue;
      }
      pos += 1;
    }
  };
  const parseNumber = (): number | bigint => {
    const match = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(pos, pos + 4096));
    if (!match) return fail('bad number');
    const literal = match[0];
    pos += literal.length;
    const value = Number(literal);
    if (match[1] === undefined && match[2] === undefined && !Number.isSafeInteger(value)) return BigInt(literal);
    return value;
  };
  const parseValue = (depth: number): LosslessJson => {
    if (depth > COPY_DEPTH_LIMIT) fail(`nesting deeper than ${COPY_DEPTH_LIMIT} levels`);
    skip();
    const ch = text[pos];
    if (ch === '{') {
      pos += 1;
      const obj: { [key: string]: LosslessJson } = {};
      skip();
      if (text[pos] === '}') {
        pos += 1;
        return obj;
      }
      for (;;) {
        skip();
        if (text[pos] !== '"') fail('expected a string key');
        const key = parseString();
        skip();
        if (text[pos] !== ':') fail('expected ":"');
        pos += 1;
        // defineProperty so that a "__proto__" key is data, as with JSON.parse
        Object.defineProperty(obj, key, { value: parseValue(depth + 1), enumerable: true, writable: true, configurable: true });
        skip();
        if (text[pos] === ',') {
          pos += 1;
          continue;
        }
        if (text[pos] === '}') {
          pos += 1;
          return obj;
        }
        fail('expected "," or "}"');
      }
    }
    if (ch === '[') {
      pos += 1;
      const arr: LosslessJson[] = [];
      skip();
      if (text[pos] === ']') {
        pos += 1;
        return arr;
      }
      for (;;) {
        arr.push(parseValue(depth + 1));
        skip();
        if (text[pos] === ',') {
          pos += 1;
          continue;
        }
        if (text[pos] === ']') {
          pos += 1;
          return arr;
        }
        fail('expected "," or "]"');
      }
    }
    if (ch === '"') return parseString();
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return parseNumber();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return value;
      }
    }
    return fail(ch === undefined ? 'unexpected end of JSON' : `unexpected ${JSON.stringify(ch)}`);
  };
  const value = parseValue(0);
  skip();
  if (pos !== text.length) fail('unexpected text after the JSON value');
  return value;
}

/** Serialises like JSON.stringify (no indentation, undefined members left out), writing bigint as plain digits. */
export function stringifyLosslessJson(value: unknown): string {
  return write(value) ?? 'null';
}

function write(value: unknown): string | undefined {
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => write(item) ?? 'null').join(',')}]`;
  const members: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    const text = write(item);
    if (text !== undefined) members.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${members.join(',')}}`;
}
