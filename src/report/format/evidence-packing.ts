import { isTooDeep } from '../../json/json-depth.js';
import { stringifyJson } from '../../json/stringify-json.js';

/**
 * How ctrf.json stores a piece of evidence without saying a thing twice. An emulator transcript entry
 * keeps a body both as received (`bodyText`) and parsed (`body`); where `body` is exactly what
 * `JSON.parse(bodyText)` gives, ctrf.json stores `"bodyFromText": true` in its place (the same JSON
 * twice was 0.15 MB of the main job's 1.7 MB of evidence). unpackEvidence puts `body` back where it was, so a piece
 * reads back identical, property order included. Only known places are looked at (the piece, its
 * `request`/`response`, and those of the entries of its arrays): evidence holds untrusted data, and
 * nothing here recurses into it.
 */
export const BODY_FROM_TEXT = 'bodyFromText';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `side` with `body` replaced by the marker when the body is its text parsed, else `side` itself. */
function packSide(side: unknown): unknown {
  if (!isObject(side) || typeof side.bodyText !== 'string' || side.body === undefined || BODY_FROM_TEXT in side) return side;
  // a body nested past what the harness parses from a target is never parsed here either (src/json/json-depth.ts)
  if (isTooDeep(side.bodyText)) return side;
  let parsed: unknown;
  try {
    parsed = JSON.parse(side.bodyText);
  } catch {
    return side;
  }
  // equal as JSON text: a body whose numbers or strings the parse would change (a big integer kept as a string) stays
  // (stringifyJson: a body read exactly may hold a bigint, which JSON.stringify refuses)
  if (stringifyJson(parsed) !== stringifyJson(side.body)) return side;
  return Object.fromEntries(Object.entries(side).map(([key, value]) => (key === 'body' ? [BODY_FROM_TEXT, true] : [key, value])));
}

function unpackSide(side: unknown): unknown {
  if (!isObject(side) || side[BODY_FROM_TEXT] !== true || typeof side.bodyText !== 'string' || 'body' in side) return side;
  if (isTooDeep(side.bodyText)) throw new Error('bodyText nests deeper than the harness parses');
  const body: unknown = JSON.parse(side.bodyText);
  return Object.fromEntries(Object.entries(side).map(([key, value]) => (key === BODY_FROM_TEXT ? ['body', body] : [key, value])));
}

/** An exchange (the piece, or an entry of one of its arrays) with its request and response mapped. */
function mapExchange(value: unknown, side: (s: unknown) => unknown): unknown {
  if (!isObject(value)) return value;
  const mapped = side(value);
  if (!isObject(mapped)) return mapped;
  let changed = mapped !== value;
  const out: Json = {};
  for (const [key, member] of Object.entries(mapped)) {
    const next = key === 'request' || key === 'response' ? side(member) : member;
    if (next !== member) changed = true;
    out[key] = next;
  }
  return changed ? out : value;
}

function mapPiece(piece: unknown, side: (s: unknown) => unknown): unknown {
  const top = mapExchange(piece, side);
  if (!isObject(top)) return top;
  let changed = top !== piece;
  const out: Json = {};
  for (const [key, member] of Object.entries(top)) {
    let next = member;
    if (Array.isArray(member)) {
      const entries = member.map((entry) => mapExchange(entry, side));
      if (entries.some((entry, i) => entry !== member[i])) next = entries;
    } else if (key !== 'request' && key !== 'response') next = mapExchange(member, side);
    if (next !== member) changed = true;
    out[key] = next;
  }
  return changed ? out : piece;
}

/** A JSON-safe piece of evidence as ctrf.json stores it. */
export function packEvidence(piece: unknown): unknown {
  return mapPiece(piece, packSide);
}

/** A piece as ctrf.json stored it, whole again (a piece written before packing comes back as it is). */
export function unpackEvidence(piece: unknown): unknown {
  return mapPiece(piece, unpackSide);
}
