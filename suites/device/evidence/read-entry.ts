import type { JsonValue } from '../../../src/json/json-value.js';
import { parseJson } from '../../../src/json/parse-json.js';
import type { TranscriptEntry } from '../../../src/emulator/index.js';
import type { AttemptedOperation, Answer, Body, EvidenceEntry, WebhookCallOutcome, WireView } from './evidence-entry.js';
import { memberOf } from './json-values.js';

const REGISTER_TOPIC = '$dps/registrations/PUT/iotdps-register/';
const POLL_TOPIC = '$dps/registrations/GET/iotdps-get-operationstatus/';
const HARNESS_FAULT_NOTE = 'harness fault: ';
/** deepest nesting a recorded parse is walked to (a transcript is redacted copies: no cycles, but untrusted depth) */
const MAX_DEPTH = 200;

/**
 * Reads one transcript entry into the typed evidence: the kind becomes the tag, the wire is narrowed
 * by protocol, and each body is parsed once, from the exact text the transcript kept (every digit),
 * else from the parse it kept.
 */
export function readEntry(entry: TranscriptEntry): EvidenceEntry {
  const base = {
    seq: entry.seq,
    at: Date.parse(entry.at),
    ...(entry.durationMs !== undefined ? { durationMs: entry.durationMs } : {}),
    ...(entry.connection !== undefined ? { connection: entry.connection } : {}),
    notes: entry.notes ?? {},
  };
  if (entry.frontEnd === 'webhook') {
    const frontEnd = 'webhook' as const;
    if (entry.kind === 'webhook-call') return { ...base, frontEnd, kind: 'webhook-call', ...webhookCall(entry) };
    if (entry.kind === 'allocation') {
      const fault = base.notes.notes?.find((note) => note.startsWith(HARNESS_FAULT_NOTE));
      return { ...base, frontEnd, kind: 'allocation', outcome: bodyOf(entry.response?.bodyText, entry.response?.body), ...(fault !== undefined ? { harnessFault: fault.slice(HARNESS_FAULT_NOTE.length) } : {}) };
    }
    return { ...base, frontEnd, kind: 'other', recordedKind: entry.kind };
  }
  const frontEnd = entry.frontEnd;
  const wire = wireOf(entry);
  const answer = answerOf(entry, base.at);
  const body = bodyOf(entry.request.bodyText, entry.request.body);
  const refusal = base.notes.unexpected;
  const request = { ...base, frontEnd, wire, answer, ...(refusal ? { refusal } : {}) };
  switch (entry.kind) {
    case 'register':
      return { ...request, kind: 'register', body };
    case 'poll':
      return { ...request, kind: 'poll', body };
    case 'status-lookup':
      return { ...request, kind: 'status-lookup', body };
    case 'connect':
      return { ...request, kind: 'connect' };
    case 'subscribe':
      return { ...request, kind: 'subscribe' };
    case 'unexpected': {
      const known = refusal ?? { reason: 'unknown-route', detail: '', decision: '' };
      return { ...request, kind: 'unexpected', refusal: known, ...known, attempted: attemptedOperation(wire), body };
    }
    case 'acknowledged':
      return { ...base, frontEnd, kind: 'acknowledged', ...topicOf(entry) };
    case 'closed':
      return { ...base, frontEnd, kind: 'closed', how: entry.closed ?? 'dropped' };
    case 'replay':
    case 'restored-subscription':
      return { ...base, frontEnd, kind: entry.kind, ...topicOf(entry), body: bodyOf(entry.response?.bodyText, undefined) };
    default:
      return { ...base, frontEnd, kind: 'other', recordedKind: entry.kind };
  }
}

function topicOf(entry: TranscriptEntry): { topic?: string } {
  const topic = entry.response?.topic;
  return topic === undefined ? {} : { topic };
}

/** The body from its exact text when kept (every digit), else from the recorded parse (`exact: false`). */
export function bodyOf(text: string | undefined, parsed: unknown): Body {
  if (text !== undefined) {
    if (text.trim() === '') return { kind: 'empty', text };
    try {
      return { kind: 'json', value: parseJson(text), exact: true, text };
    } catch (error) {
      return { kind: 'not-json', text, error: error instanceof Error ? error.message : String(error) };
    }
  }
  if (parsed === undefined) return { kind: 'none' };
  if (typeof parsed === 'string') {
    // a recorder that kept no text stores text that is not JSON as the string itself
    return { kind: 'json', value: parsed, exact: false };
  }
  return { kind: 'json', value: asJson(parsed, 0), exact: false };
}

/** A recorded parse as a JSON value (what JSON.stringify would make of it; functions and the like become null). */
function asJson(value: unknown, depth: number): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return value;
  if (depth > MAX_DEPTH || typeof value !== 'object') return null;
  if (Array.isArray(value)) return value.map((item) => asJson(item, depth + 1));
  const out: { [key: string]: JsonValue } = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = asJson(item, depth + 1);
  return out;
}

/** The request's wire record narrowed by protocol. */
export function wireOf(entry: TranscriptEntry): WireView {
  const wire = entry.request.wire;
  if (wire === undefined) return { protocol: 'none' };
  if ('method' in wire) return { protocol: 'https', method: wire.method, ...splitTarget(wire.path), headers: wire.headers };
  if ('packet' in wire) return { protocol: 'mqtt', ...wire };
  return { protocol: 'amqp', ...wire };
}

/** An HTTP request target as path and query; a target no URL parser takes stays whole, with no query. */
function splitTarget(target: string): { path: string; query: Record<string, string> } {
  // a target starting with `//` would read as a host name: only the part before `?` is the path
  const question = target.indexOf('?');
  const path = question === -1 ? target : target.slice(0, question);
  try {
    const first = new Map<string, string>();
    for (const [key, value] of new URLSearchParams(question === -1 ? '' : target.slice(question + 1))) if (!first.has(key)) first.set(key, value);
    // own properties only (a `__proto__` parameter stays a parameter)
    const query = Object.fromEntries(first);
    return { path: new URL(`https://emulator.invalid${path.startsWith('/') ? '' : '/'}${path}`).pathname, query };
  } catch {
    return { path, query: {} };
  }
}

function answerOf(entry: TranscriptEntry, requestAt: number): Answer {
  const response = entry.response ?? {};
  const answer: Answer = { body: bodyOf(response.bodyText, response.body), at: requestAt + (entry.durationMs ?? 0) };
  if (response.status !== undefined) answer.status = response.status;
  if (response.retryAfterSeconds !== undefined) answer.retryAfterSeconds = response.retryAfterSeconds;
  if (response.disconnect !== undefined) answer.disconnect = response.disconnect;
  if (response.grantedQos !== undefined) answer.grantedQos = response.grantedQos;
  return answer;
}

/** Which operation a request the core could not map was trying: by path, topic or AMQP operation type. */
export function attemptedOperation(wire: WireView): AttemptedOperation {
  switch (wire.protocol) {
    case 'https':
      if (/\/register$/.test(wire.path)) return 'register';
      return /\/operations\//.test(wire.path) ? 'poll' : 'other';
    case 'mqtt':
      if (wire.packet !== 'publish') return 'other';
      if (wire.topic?.startsWith(REGISTER_TOPIC)) return 'register';
      return wire.topic?.startsWith(POLL_TOPIC) ? 'poll' : 'other';
    case 'amqp':
      if (wire.operationType === 'iotdps-register') return 'register';
      return wire.operationType === 'iotdps-get-operationstatus' ? 'poll' : 'other';
    case 'none':
      return 'other';
  }
}

function webhookCall(entry: TranscriptEntry): { url?: string; attempt?: number; sent: Body; outcome: WebhookCallOutcome } {
  const traced = entry.request.body;
  const url = memberOf(traced, 'url');
  const attempt = memberOf(traced, 'attempt');
  const answered = entry.response?.body;
  const status = memberOf(answered, 'status');
  const outcome: WebhookCallOutcome =
    typeof status === 'number'
      ? { kind: 'answered', status, body: bodyOf(entry.response?.bodyText, memberOf(answered, 'body')), truncated: memberOf(answered, 'truncated') === true }
      : { kind: 'not-answered', failure: textOr(memberOf(answered, 'failure'), 'unknown'), message: textOr(memberOf(answered, 'message'), '') };
  return {
    ...(typeof url === 'string' ? { url } : {}),
    ...(typeof attempt === 'number' ? { attempt } : {}),
    sent: bodyOf(entry.request.bodyText, memberOf(traced, 'body')),
    outcome,
  };
}

function textOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

