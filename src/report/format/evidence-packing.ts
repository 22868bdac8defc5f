import { isTooDeep } from '../../json/json-depth.js';
import { stringifyJson } from '../../json/stringify-json.js';

/**
 * How ctrf.json stores a piece of evidence without saying a thing twice (docs/contract/reports.md
 * "ctrf.json"). The emulator's transcript keeps a body both as received (`bodyText`) and parsed; where
 * the parse is exactly what `JSON.parse` of the text gives, only the text is stored:
 *
 * - an exchange's own `body`: `"bodyFromText": true` in its place (layout 3);
 * - a parse inside a wrapper (layout 4), e.g. the webhook call's `body: {url, attempt, body}` beside the
 *   request's `bodyText`, or an allocation's `returnData` beside its `returnDataJson`: the parse is `null`
 *   in its place and the exchange names where it comes from, `"parsedFrom": {"body.body": "bodyText"}`;
 * - each transcript entry's `registrationId`, when it is the piece's own (layout 4): left out, and the
 *   piece says so with `"entryRegistrationId": "the piece's"`; the reader puts it back after `kind`.
 *
 * unpackEvidence puts everything back where it was, so a piece reads back identical, property order
 * included; packEvidence checks that it does and stores a piece it cannot pack that way less packed.
 * Only known places are looked at (the piece, its `request`/`response`, and those of the entries of its
 * arrays): evidence holds untrusted data, and nothing here recurses into it.
 */
export const BODY_FROM_TEXT = 'bodyFromText';
/** An exchange's parses stored as null, each by the text it is the parse of: `{"body.body": "bodyText"}` */
export const PARSED_FROM = 'parsedFrom';
/** A piece whose transcript entries leave out the piece's own registration ID. */
export const ENTRY_REGISTRATION_ID = 'entryRegistrationId';
const ENTRY_REGISTRATION_ID_VALUE = "the piece's";

/** The parses inside a wrapper that the writer replaces, each with the text it is the parse of (paths relative to the exchange). */
const NESTED_PARSES: ReadonlyArray<readonly [target: string, source: string]> = [
  ['body.body', 'bodyText'],
  ['body.returnData', 'body.returnDataJson'],
];

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The member at a dotted path of at most a few plain-object steps (the harness's own structure), undefined when absent. */
function at(value: unknown, path: string): unknown {
  let here = value;
  for (const key of path.split('.')) {
    if (!isObject(here) || !Object.prototype.hasOwnProperty.call(here, key)) return undefined;
    here = here[key];
  }
  return here;
}

/** `value` with the member at `path` (which exists) replaced, copying each object on the way; member order kept. */
function withAt(value: Json, path: string, member: unknown): Json {
  const [key = '', ...rest] = path.split('.');
  const next = rest.length === 0 ? member : withAt(value[key] as Json, rest.join('.'), member);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => (k === key ? [k, next] : [k, v])));
}

/** The parse of `text` when it is exactly `parsed` as JSON text, else undefined (not JSON, too deep, or a parse that would change it). */
function sameAsParse(text: unknown, parsed: unknown): boolean {
  if (typeof text !== 'string' || parsed === undefined) return false;
  // a body nested past what the harness parses from a target is never parsed here either (src/json/json-depth.ts)
  if (isTooDeep(text)) return false;
  let again: unknown;
  try {
    again = JSON.parse(text);
  } catch {
    return false;
  }
  // equal as JSON text: a body whose numbers or strings the parse would change (a big integer kept as a string) stays
  // (stringifyJson: a body read exactly may hold a bigint, which JSON.stringify refuses)
  return stringifyJson(again) === stringifyJson(parsed);
}

function parseText(text: unknown, what: string): unknown {
  if (typeof text !== 'string') throw new Error(`${what} has no text to be read from`);
  if (isTooDeep(text)) throw new Error(`${what}: its text nests deeper than the harness parses`);
  return JSON.parse(text);
}

/** `side` with each parse that is its text parsed replaced (layout 3's marker for its own body, else null and `parsedFrom`). */
function packSide(side: unknown, nested: boolean): unknown {
  if (!isObject(side) || BODY_FROM_TEXT in side || PARSED_FROM in side) return side;
  let out = side;
  if (side.body !== undefined && sameAsParse(side.bodyText, side.body)) {
    out = Object.fromEntries(Object.entries(side).map(([key, value]) => (key === 'body' ? [BODY_FROM_TEXT, true] : [key, value])));
  }
  if (!nested) return out;
  const from: Record<string, string> = {};
  for (const [target, source] of NESTED_PARSES) {
    const parsed = at(out, target);
    if (parsed === undefined || parsed === null || !sameAsParse(at(out, source), parsed)) continue;
    out = withAt(out, target, null);
    from[target] = source;
  }
  return Object.keys(from).length === 0 ? out : { ...out, [PARSED_FROM]: from };
}

function unpackSide(side: unknown): unknown {
  if (!isObject(side)) return side;
  let out = side;
  if (side[BODY_FROM_TEXT] === true && !('body' in side)) {
    const body = parseText(side.bodyText, 'a body marked bodyFromText');
    out = Object.fromEntries(Object.entries(side).map(([key, value]) => (key === BODY_FROM_TEXT ? ['body', body] : [key, value])));
  }
  const from = out[PARSED_FROM];
  if (from === undefined) return out;
  if (!isObject(from)) throw new Error(`${PARSED_FROM} must map members to the texts they are parsed from`);
  const { [PARSED_FROM]: _from, ...rest } = out;
  out = rest;
  for (const [target, source] of Object.entries(from)) {
    if (typeof source !== 'string' || at(out, target) !== null) throw new Error(`${PARSED_FROM} names ${target}, which does not hold null`);
    out = withAt(out, target, parseText(at(out, source), `${target} (parsed from ${String(source)})`));
  }
  return out;
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

/**
 * The piece with its transcript entries' `registrationId` left out where it is the piece's own and comes
 * right after `kind` (where the reader puts it back); the piece as it is when any entry has none.
 */
function packEntryIds(piece: unknown): unknown {
  if (!isObject(piece) || typeof piece.registrationId !== 'string' || !Array.isArray(piece.emulator) || ENTRY_REGISTRATION_ID in piece) return piece;
  const own = piece.registrationId;
  const entries = piece.emulator as unknown[];
  if (entries.length === 0 || !entries.every((entry) => isObject(entry) && typeof entry.registrationId === 'string')) return piece;
  const packed = entries.map((entry) => {
    const keys = Object.keys(entry as Json);
    const i = keys.indexOf('registrationId');
    if ((entry as Json).registrationId !== own || keys[i - 1] !== 'kind') return entry;
    const { registrationId: _id, ...rest } = entry as Json;
    return rest;
  });
  return { ...piece, emulator: packed, [ENTRY_REGISTRATION_ID]: ENTRY_REGISTRATION_ID_VALUE };
}

function unpackEntryIds(piece: unknown): unknown {
  if (!isObject(piece) || piece[ENTRY_REGISTRATION_ID] === undefined) return piece;
  const { [ENTRY_REGISTRATION_ID]: _marker, ...rest } = piece;
  if (typeof rest.registrationId !== 'string' || !Array.isArray(rest.emulator)) throw new Error(`${ENTRY_REGISTRATION_ID} needs the piece's registrationId and its emulator entries`);
  const own = rest.registrationId;
  rest.emulator = (rest.emulator as unknown[]).map((entry) => {
    if (!isObject(entry) || 'registrationId' in entry) return entry;
    const out: Json = {};
    for (const [key, value] of Object.entries(entry)) {
      out[key] = value;
      if (key === 'kind') out.registrationId = own;
    }
    return out;
  });
  return rest;
}

function packWith(piece: unknown, layout3Only: boolean): unknown {
  const sides = mapPiece(piece, (side) => packSide(side, !layout3Only));
  return layout3Only ? sides : packEntryIds(sides);
}

/** Whether a packed piece reads back exactly as the piece. */
function readsBack(packed: unknown, piece: unknown): boolean {
  if (packed === piece) return true;
  try {
    return stringifyJson(unpackEvidence(packed)) === stringifyJson(piece);
  } catch {
    return false;
  }
}

/** A JSON-safe piece of evidence as ctrf.json stores it: packed as far as it reads back identical. */
export function packEvidence(piece: unknown): unknown {
  const packed = packWith(piece, false);
  if (readsBack(packed, piece)) return packed;
  const layout3 = packWith(piece, true);
  return readsBack(layout3, piece) ? layout3 : piece;
}

/** A piece as ctrf.json stored it, whole again (a piece written before packing comes back as it is). Throws when a marker cannot be resolved. */
export function unpackEvidence(piece: unknown): unknown {
  return mapPiece(unpackEntryIds(piece), unpackSide);
}
