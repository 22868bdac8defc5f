import type { ConnectionEnd } from '../core/connection-end.js';
import type { ExchangeNotes, FrontEnd, WireRequest } from '../core/core-request.js';

/** One recorded exchange; what the transcript returns is redacted. */
export interface TranscriptEntry {
  seq: number;
  /** ISO time the request was complete */
  at: string;
  /** `webhook` entries are calls the emulator made to an allocation webhook */
  frontEnd: FrontEnd | 'webhook';
  /** register, poll, status-lookup, connect, subscribe, unexpected, allocation, webhook-call, replay, restored-subscription, acknowledged, closed, ... */
  kind: string;
  registrationId?: string;
  /** the MQTT or AMQP connection that carried it (`mqtt-3`, `amqp-ws-7`); HTTPS requests name none */
  connection?: string;
  /** `closed` entries: how the device's connection ended */
  closed?: ConnectionEnd;
  /**
   * `bodyText`: the body exactly as received (HTTPS body, MQTT payload; for `webhook-call`, the
   * AllocationRequest exactly as sent); `body`: its parse (integers beyond 2^53 rounded), or the text
   * itself when it is not JSON.
   */
  request: { wire?: WireRequest; body?: unknown; bodyText?: string };
  /**
   * `bodyText`: the body exactly as sent to the device (for `webhook-call`, as the webhook answered);
   * `body`: the same as a value. `grantedQos` answers a SUBSCRIBE: 0 or 1, or 128 (0x80) when refused.
   */
  response?: {
    status?: number;
    body?: unknown;
    bodyText?: string;
    retryAfterSeconds?: number;
    disconnect?: string;
    grantedQos?: number;
    /** the MQTT topic (or subscription) the emulator sent or restored on the device's behalf (`replay`, `restored-subscription`) */
    topic?: string;
  };
  durationMs?: number;
  notes?: ExchangeNotes;
}

/** Which entries to return; every member narrows. */
export interface TranscriptQuery {
  registrationId?: string;
  frontEnd?: TranscriptEntry['frontEnd'];
  kind?: string;
}
