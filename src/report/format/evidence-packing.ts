import { isTooDeep } from '../../json/json-depth.js';
import { stringifyJson } from '../../json/stringify-json.js';

/**
 * How ctrf.json stores a piece of evidence without saying a thing twice (docs/contract/reports.md
 * "ctrf.json"). The emulator's transcript keeps a body both as text (`bodyText`, as received or sent) and
 * parsed; where one is exactly made from the other, only one is stored:
 *
 * - a compact text, exactly what `JSON.stringify` writes of its parse (layout 4): the text is `null` and
 *   the exchange names what it is made from, `"textOf": {"bodyText": "body.body"}`; the parse stays,
 *   readable, and its repeated parts are shared (shared-values.ts);
 * - else, where the parse is exactly `JSON.parse` of the text: the exchange's own `body` is
 *   `"bodyFromText": true` in its place (layout 3), a parse inside a wrapper (the webhook call's
 *   `{url, attempt, body}`, an allocation's `returnData` beside its `returnDataJson`) is `null` and named,
 *   `"parsedFrom": {"body.body": "bodyText"}` (layout 4);
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

/** Where an exchange holds a parse beside the text it is the parse of (paths relative to the exchange): [parse, text]. */
const PARSE_AND_TEXT: ReadonlyArray<readonly [parse: string, text: string]> = [
  ['body', 'bodyText'],
  ['body.body', 'bodyText'],
  ['body.returnData', 'body.returnDataJson'],
];
/** An exchange's texts stored as null, each by the parse it is `JSON.stringify` of: `{"bodyText": "body.body"}` */
export const TEXT_OF = 'textOf';

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

/** Whether `text` is exactly what `JSON.stringify` writes of `parsed` (a compact text the parse gives back to the byte). */
function isCompactTextOf(text: unknown, parsed: unknown): boolean {
  if (typeof text !== 'string' || parsed === undefined || isTooDeep(text)) return false;
  try {
    return JSON.stringify(parsed) === text && sameAsParse(text, parsed);
  } catch {
    // a bigint: JSON.stringify cannot write it, and the text stays
    return false;
  }
}

/**
 * `side` with each pair of a parse and its text said once: a compact text (what `JSON.stringify` writes of
 * the parse) is null and named in `textOf`, so the parse stays readable and its repeated parts can be
 * shared (shared-values.ts); any other text whose parse is exactly `JSON.parse` of it keeps the text, and
 * the parse is `"bodyFromText": true` (the exchange's own body, layout 3) or null and named in `parsedFrom`.
 */
function packSide(side: unknown, layout4: boolean): unknown {
  if (!isObject(side) || BODY_FROM_TEXT in side || PARSED_FROM in side || TEXT_OF in side) return side;
  let out = side;
  const textOf: Record<string, string> = {};
  const parsedFrom: Record<string, string> = {};
  for (const [parsePath, textPath] of PARSE_AND_TEXT) {
    const parsed = at(out, parsePath);
    const text = at(out, textPath);
    if (parsed === undefined || parsed === null || typeof text !== 'string') continue;
    if (layout4 && isCompactTextOf(text, parsed)) {
      out = withAt(out, textPath, null);
      textOf[textPath] = parsePath;
    } else if (parsePath === 'body' && sameAsParse(text, parsed)) {
      out = Object.fromEntries(Object.entries(out).map(([key, value]) => (key === 'body' ? [BODY_FROM_TEXT, true] : [key, value])));
    } else if (layout4 && sameAsParse(text, parsed)) {
      out = withAt(out, parsePath, null);
      parsedFrom[parsePath] = textPath;
    }
  }
  if (Object.keys(textOf).length > 0) out = { ...out, [TEXT_OF]: textOf };
  if (Object.keys(parsedFrom).length > 0) out = { ...out, [PARSED_FROM]: parsedFrom };
  return out;
}

/** `side` without the marker member `name`, and that member. */
function withoutMember(side: Json, name: string): [Json, unknown] {
  const { [name]: member, ...rest } = side;
  return [rest, member];
}

function unpackSide(side: unknown): unknown {
  if (!isObject(side)) return side;
  let out = side;
  if (side[BODY_FROM_TEXT] === true && !('body' in side)) {
    const body = parseText(side.bodyText, 'a body marked bodyFromText');
    out = Object.fromEntries(Object.entries(side).map(([key, value]) => (key === BODY_FROM_TEXT ? ['body', body] : [key, value])));
  }
  // markers come off in the reverse of the order the writer put them on
  for (const marker of [PARSED_FROM, TEXT_OF]) {
    if (out[marker] === undefined) continue;
    const [rest, map] = withoutMember(out, marker);
    if (!isObject(map)) throw new Error(`${marker} must map members to the members they are made from`);
    out = rest;
    for (const [target, source] of Object.entries(map)) {
      if (typeof source !== 'string' || at(out, target) !== null) throw new Error(`${marker} names ${target}, which does not hold null`);
      const made = marker === TEXT_OF ? JSON.stringify(at(out, source)) : parseText(at(out, source), `${target} (parsed from ${source})`);
      if (made === undefined) throw new Error(`${marker} names ${target}, made from ${source}, which is not there`);
      out = withAt(out, target, made);
    }
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
