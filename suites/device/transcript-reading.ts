import type { TranscriptEntry } from '../../src/emulator/index.js';
import { parseLosslessJson, type LosslessJson } from '../../src/adapters/lossless-json.js';
import { COPY_DEPTH_LIMIT, cutMarker } from '../../src/json/json-depth.js';

/** Statuses after which a device stops polling (docs/protocol/https.md). */
export const TERMINAL_STATUSES = new Set(['assigned', 'failed', 'disabled']);

export type JsonObject = { [key: string]: LosslessJson };

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Entries that came from the device (not the emulator's webhook calls). */
export function deviceEntries(entries: readonly TranscriptEntry[]): TranscriptEntry[] {
  return entries.filter((e) => e.frontEnd !== 'webhook');
}

function wireOf(
  entry: TranscriptEntry,
): { method?: string; path?: string; packet?: string; topic?: string; qos?: number; clientId?: string; username?: string } {
  return (entry.request.wire ?? {});
}

/** Register requests, including those the emulator refused as unexpected (a malformed body is still an attempt to register). */
export function registerEntries(entries: readonly TranscriptEntry[]): TranscriptEntry[] {
  return deviceEntries(entries).filter((e) => {
    if (e.kind === 'register') return true;
    if (e.kind !== 'unexpected') return false;
    const wire = wireOf(e);
    return /\/register(\?|$)/.test(wire.path ?? '') || (wire.topic ?? '').startsWith('$dps/registrations/PUT/iotdps-register/');
  });
}

export function pollEntries(entries: readonly TranscriptEntry[]): TranscriptEntry[] {
  return deviceEntries(entries).filter((e) => e.kind === 'poll');
}

/** Register and poll requests in arrival order: the operations a device performs. */
export function operationEntries(entries: readonly TranscriptEntry[]): TranscriptEntry[] {
  return deviceEntries(entries).filter((e) => e.kind === 'register' || e.kind === 'poll' || registerEntries([e]).length === 1);
}

/**
 * The register body as received. Exact (every digit) when the transcript keeps the raw text; otherwise
 * the emulator's parse, which has already rounded integers beyond 2^53 (`exact: false`).
 */
export function requestBody(entry: TranscriptEntry): { value: LosslessJson | undefined; exact: boolean } {
  const request = entry.request as { body?: unknown; bodyText?: unknown };
  if (typeof request.bodyText === 'string') {
    try {
      return { value: parseLosslessJson(request.bodyText), exact: true };
    } catch {
      return { value: request.bodyText, exact: true };
    }
  }
  return { value: request.body as LosslessJson | undefined, exact: false };
}

/** The answer body as sent, with the same exactness rule as requestBody. */
export function responseBody(entry: TranscriptEntry): { value: LosslessJson | undefined; exact: boolean } {
  const response = (entry.response ?? {}) as { body?: unknown; bodyText?: unknown };
  if (typeof response.bodyText === 'string') {
    try {
      return { value: parseLosslessJson(response.bodyText), exact: true };
    } catch {
      return { value: response.bodyText, exact: true };
    }
  }
  return { value: response.body as LosslessJson | undefined, exact: false };
}

/** The last answer that told the device a terminal status, if the device got that far. */
export function terminalAnswer(entries: readonly TranscriptEntry[]): { entry: TranscriptEntry; operation: JsonObject; exact: boolean } | undefined {
  const ops = operationEntries(entries);
  for (let i = ops.length - 1; i >= 0; i -= 1) {
    const entry = ops[i] as TranscriptEntry;
    if (entry.response?.status !== 200) continue;
    const { value, exact } = responseBody(entry);
    if (isObject(value) && typeof value['status'] === 'string' && TERMINAL_STATUSES.has(value['status'])) return { entry, operation: value, exact };
  }
  return undefined;
}

/** When the request was complete (ms since the epoch). */
export function requestTime(entry: TranscriptEntry): number {
  return Date.parse(entry.at);
}

/** When the answer left, as near as the transcript tells: the request time plus the time the core took. */
export function answerTime(entry: TranscriptEntry): number {
  return requestTime(entry) + (entry.durationMs ?? 0);
}

export function httpsWire(entry: TranscriptEntry): { method: string; path: string; query: URLSearchParams } | undefined {
  const wire = wireOf(entry);
  if (wire.method === undefined || wire.path === undefined) return undefined;
  const url = new URL(wire.path, 'https://emulator.invalid');
  return { method: wire.method, path: url.pathname, query: url.searchParams };
}

export function mqttWire(entry: TranscriptEntry): { packet: string; topic?: string; qos?: number; clientId?: string; username?: string } | undefined {
  const wire = wireOf(entry);
  if (wire.packet === undefined) return undefined;
  return wire as { packet: string };
}

/** The dialect's member for device data in a register body, and for returned data in a registration state. */
export function dataMember(dialect: 'ga' | 'preview'): string {
  return dialect === 'ga' ? 'payload' : 'data';
}

export function returnMember(dialect: 'ga' | 'preview'): string {
  return dialect === 'ga' ? 'payload' : 'returnData';
}

/**
 * Turns unsafe integers into the doubles JSON.parse would have made, to compare with an inexact side.
 * Bounded: what it reads was parsed no deeper than COPY_DEPTH_LIMIT (lossless-json), and it cuts there too.
 */
export function roundBigInts(value: unknown, depth = 0): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= COPY_DEPTH_LIMIT) return cutMarker(COPY_DEPTH_LIMIT);
  if (Array.isArray(value)) return value.map((item) => roundBigInts(item, depth + 1));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundBigInts(v, depth + 1)]));
  return value;
}

/** A JSON value as text for messages: strings as they are, anything else as JSON. */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'undefined';
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'undefined';
}
