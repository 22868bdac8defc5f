import assert from 'node:assert/strict';
import { ctrfText } from '../../src/report/format/ctrf-text.js';
import { BODY_FROM_TEXT, ENTRY_REGISTRATION_ID, PARSED_FROM, TEXT_OF, packEvidence, unpackEvidence } from '../../src/report/format/evidence-packing.js';
import { parseCtrf } from '../../src/report/format/parse-ctrf.js';
import { result, runInfo } from './sample-results.js';

/** A registration's evidence as the device suite keeps it: the adapter's exchange and the emulator's transcript. */
function registrationEvidence(): Record<string, unknown> {
  const register = '{"registrationId":"dpsc-a","payload":{"modelId":"dtmi:com:example:Thermostat;1","n":1.50}}';
  return {
    registrationId: 'dpsc-a',
    adapter: { request: { registrationId: 'dpsc-a', data: { modelId: 'dtmi:com:example:Thermostat;1' } }, reply: '{"seq":1,"result":{"status":"assigned"}}' },
    emulator: [
      { seq: 1, kind: 'connect', request: { wire: { packet: 'connect' } }, response: { status: 200 } },
      // 1.50 parses to 1.5: the parsed body is not the text's own spelling, but JSON.parse(bodyText) gives it exactly
      { seq: 2, kind: 'register', request: { wire: { packet: 'publish' }, bodyText: register, body: JSON.parse(register) as unknown }, response: { status: 202, body: { operationId: 'op', status: 'assigning' }, bodyText: '{"operationId":"op","status":"assigning"}', retryAfterSeconds: 1 } },
      // a big integer the recorder kept as text in body: JSON.parse would not give it back, so it stays
      { seq: 3, kind: 'poll', request: { bodyText: '{"n":12345678901234567890}', body: { n: '12345678901234567890' } }, response: { status: 200, bodyText: 'not json', body: 'not json' } },
    ],
  };
}

describe('evidence packing (ctrf.json stores a parsed body only as its text)', () => {
  it('keeps a compact text\'s body and any other text whose body is its parse, each marked in its place, and puts them back identical, property order included', () => {
    const piece = registrationEvidence();
    const packed = packEvidence(piece);
    const entries = (packed as { emulator: Array<{ request: Record<string, unknown>; response: Record<string, unknown> }> }).emulator;
    assert.deepEqual(Object.keys(entries[1]?.request ?? {}), ['wire', 'bodyText', BODY_FROM_TEXT]);
    // a compact text (what JSON.stringify writes of the body) is the one left out: the body stays readable
    assert.deepEqual(entries[1]?.response, { status: 202, body: { operationId: 'op', status: 'assigning' }, bodyText: null, retryAfterSeconds: 1, [TEXT_OF]: { bodyText: 'body' } });
    assert.deepEqual(entries[2]?.request.body, { n: '12345678901234567890' }, 'a body the parse would change stays');
    assert.equal(entries[2]?.response.body, 'not json', 'a body whose text is not JSON stays');
    assert.ok(JSON.stringify(packed).length < JSON.stringify(piece).length);
    assert.equal(JSON.stringify(unpackEvidence(packed)), JSON.stringify(piece));
    assert.equal(JSON.stringify(piece), JSON.stringify(registrationEvidence()), 'the piece given is not changed');
  });

  it('leaves a piece with nothing to pack, and one written before packing, as it is (the same object)', () => {
    const plain = { request: { dialect: 'ga' }, response: { status: 200 }, stderr: 'x' };
    assert.equal(packEvidence(plain), plain);
    assert.equal(unpackEvidence(plain), plain);
    assert.equal(unpackEvidence('text evidence'), 'text evidence');
  });

  it('ctrf.json stores the piece packed and parseCtrf gives every result its evidence whole', () => {
    const evidence = registrationEvidence();
    const results = [result({ outcome: 'failed', caseId: 'a', evidence }), result({ outcome: 'failed', checkId: 'device.data.sent', caseId: 'a', evidence })];
    const text = ctrfText(results, runInfo);
    assert.ok(text.includes(`"${BODY_FROM_TEXT}":true`));
    assert.equal((JSON.parse(text) as { results: { extra: { dpscExtraVersion: number } } }).results.extra.dpscExtraVersion, 4);
    const back = parseCtrf(text).results;
    assert.equal(back.length, 2);
    for (const r of back) assert.equal(JSON.stringify(r.evidence), JSON.stringify(evidence));
    assert.equal(back[0]?.evidence, back[1]?.evidence, 'results citing one piece share one object');
  });

  it('says a webhook call\'s request and answer and an allocation\'s returned data once each (the text, or the parse of a compact text), and each entry\'s own registration ID once', () => {
    // the request as a webhook client might write it (spaces: not what JSON.stringify writes), the answer compact
    const request = '{"deviceRuntimeContext": {"registrationId": "dpsc-a", "payload": {"n": 1}}}';
    const answer = '{"iotHubHostName":"hub","payload":{"n":1}}';
    const piece = {
      registrationId: 'dpsc-a',
      emulator: [
        { seq: 1, kind: 'webhook-call', registrationId: 'dpsc-a', request: { body: { url: 'u', attempt: 1, body: JSON.parse(request) as unknown }, bodyText: request }, response: { body: { status: 200, body: JSON.parse(answer) as unknown, truncated: false }, bodyText: answer } },
        { seq: 2, kind: 'allocation', registrationId: 'dpsc-a', request: {}, response: { body: { kind: 'assigned', hub: 'hub', returnData: { n: 1 }, returnDataJson: '{"n":1}' } } },
        // another registration's entry keeps its own ID
        { seq: 3, kind: 'poll', registrationId: 'dpsc-b', request: {} },
      ],
    };
    const packed = packEvidence(piece) as { emulator: Array<Record<string, Record<string, unknown>>>; [key: string]: unknown };
    const [call, allocation, poll] = packed.emulator;
    assert.deepEqual(call?.request, { body: { url: 'u', attempt: 1, body: null }, bodyText: request, [PARSED_FROM]: { 'body.body': 'bodyText' } });
    assert.deepEqual(call?.response, { body: { status: 200, body: JSON.parse(answer) as unknown, truncated: false }, bodyText: null, [TEXT_OF]: { bodyText: 'body.body' } });
    assert.deepEqual(allocation?.response, { body: { kind: 'assigned', hub: 'hub', returnData: { n: 1 }, returnDataJson: null }, [TEXT_OF]: { 'body.returnDataJson': 'body.returnData' } });
    assert.equal(call?.registrationId, undefined);
    assert.equal(poll?.registrationId, 'dpsc-b');
    assert.equal(packed[ENTRY_REGISTRATION_ID], "the piece's");
    assert.equal(JSON.stringify(unpackEvidence(packed)), JSON.stringify(piece), 'read back identical, property order included');
  });

  it('stores a piece less packed when packing it would not read back identical (an entry without a registration ID)', () => {
    const piece = { registrationId: 'dpsc-a', emulator: [{ kind: 'closed', registrationId: 'dpsc-a' }, { kind: 'tls-handshake-failed' }] };
    assert.equal(packEvidence(piece), piece);
    // a registration ID not right after kind could not be put back where it was
    const moved = { registrationId: 'dpsc-a', emulator: [{ registrationId: 'dpsc-a', kind: 'poll' }] };
    assert.equal(JSON.stringify(unpackEvidence(packEvidence(moved))), JSON.stringify(moved));
  });

  it('never parses a body text nested past the harness\'s depth limit (it stays as it was)', () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const piece = { request: { bodyText: deep, body: '[nested deeper than 256 levels: cut here]' } };
    assert.equal(packEvidence(piece), piece);
    assert.throws(() => unpackEvidence({ request: { bodyText: deep, [BODY_FROM_TEXT]: true } }), /deeper/);
  });

  it('refuses a file whose marked body has text that is not JSON, naming the piece (exit status 2)', () => {
    const text = ctrfText([result({ outcome: 'failed', evidence: registrationEvidence() })], runInfo).replace('"bodyText":"{\\"registrationId', '"bodyText":"x{\\"registrationId');
    assert.throws(() => parseCtrf(text), (error: Error & { exitCode?: number }) => /\/results\/extra\/evidence\/e1: a body marked bodyFromText/.test(error.message));
  });
});
