/**
 * How the emulator takes a ga `payload` that is not a JSON object (docs/emulator-behaviour.md, "The
 * register body"). DPS documents an object, yet accepts a JSON string holding a JSON object and hands
 * the device an object back (the Azure IoT Java SDK has sent its payload that way since 2019, and its
 * end-to-end test ran against DPS on every transport, docs/protocol/sdks.md).
 */
export interface PayloadPolicy {
  /** a JSON string holding a JSON object: `parse` it, as DPS does (default), or `refuse` it, as the documented contract says */
  jsonString: 'parse' | 'refuse';
  /** what the webhook gets for such a payload: the `parsed` object (default; inferred, not observed) or the string `as-sent` */
  toWebhook: 'parsed' | 'as-sent';
  /** a string that is not JSON (UNCONFIRMED either way): `refuse` it (default) or `accept` it and pass the string on */
  notJson: 'refuse' | 'accept';
}

export const DPS_PAYLOAD_POLICY: PayloadPolicy = { jsonString: 'parse', toWebhook: 'parsed', notJson: 'refuse' };
