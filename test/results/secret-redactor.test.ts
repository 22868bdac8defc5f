import assert from 'node:assert/strict';
import { REDACTED, SecretRedactor } from '../../src/results/secret-redactor.js';
import { COPY_DEPTH_LIMIT, cutMarker, valueDepth } from '../../src/json/json-depth.js';

describe('SecretRedactor on values nested as deep as a target likes', () => {
  const deep = (depth: number, leaf: unknown): unknown => JSON.parse(`${'{"a":'.repeat(depth)}${JSON.stringify(leaf)}${'}'.repeat(depth)}`) as unknown;

  it('redacts a value nested 100,000 deep without recursion, cut with a marker past COPY_DEPTH_LIMIT', () => {
    const copy = new SecretRedactor().redactDeep(deep(100_000, 'x'));
    assert.equal(valueDepth(copy, Number.POSITIVE_INFINITY), COPY_DEPTH_LIMIT);
    let at: unknown = copy;
    for (let i = 0; i < COPY_DEPTH_LIMIT; i += 1) at = (at as { a: unknown }).a;
    assert.equal(at, cutMarker(COPY_DEPTH_LIMIT));
    assert.doesNotThrow(() => JSON.stringify(copy));
  });

  it('keeps a value within the limit whole, in key order, with a secret at the bottom redacted', () => {
    const redactor = new SecretRedactor().add('s3cret-value');
    const value = { z: 1, a: [deep(200, { key: 'anything', note: 'has s3cret-value in it' })], m: null, u: undefined };
    const copy = redactor.redactDeep(value);
    assert.deepEqual(Object.keys(copy), ['z', 'a', 'm', 'u']);
    assert.equal(valueDepth(copy, Number.POSITIVE_INFINITY), 203);
    const text = JSON.stringify(copy);
    assert.ok(!text.includes('s3cret-value') && !text.includes('anything'), text.slice(-200));
    assert.ok(text.endsWith(`{"key":"${REDACTED}","note":"has ${REDACTED} in it"}${'}'.repeat(200)}],"m":null}`), text.slice(-120));
  });

  it('keeps a "__proto__" member a member, as JSON.parse made it', () => {
    const copy = new SecretRedactor().redactDeep(JSON.parse('{"__proto__":{"polluted":true},"b":2}') as Record<string, unknown>);
    assert.deepEqual(Object.keys(copy), ['__proto__', 'b']);
    assert.equal(Object.getPrototypeOf(copy), Object.prototype);
    assert.equal(JSON.stringify(copy), '{"__proto__":{"polluted":true},"b":2}');
  });

  it('copies a value that contains itself once per object, as before', () => {
    const value: Record<string, unknown> = { name: 'loop' };
    value['self'] = value;
    value['list'] = [value];
    const copy = new SecretRedactor().redactDeep(value);
    assert.equal(copy['self'], copy);
    assert.equal((copy['list'] as unknown[])[0], copy);
  });
});

describe('SecretRedactor', () => {
  const groupKey = '8isrFI1sGsIlvvFSSFRiMfCNzv21fjbE/+ah/lSh3lF8e2YG1Te7w1KpZhJFFXJrqYKi9yegxkqIChbqOS9Egw==';

  it('removes a known key in plain and URL-encoded form', () => {
    const redactor = new SecretRedactor().add(groupKey);
    const text = `key ${groupKey} and ${encodeURIComponent(groupKey)}`;
    const out = redactor.redact(text);
    assert.ok(!out.includes(groupKey));
    assert.ok(!out.includes(encodeURIComponent(groupKey)));
    assert.equal(out.split(REDACTED).length - 1, 2);
  });

  it('removes SAS tokens and function keys it was not told about', () => {
    const redactor = new SecretRedactor();
    const sas = 'SharedAccessSignature sr=0ne00000A0A%2Fregistrations%2Fdev&sig=t6%2F8JHWQuQgM9mXdYf%2FuIqa3dKECOEk9Rr4WrFV19q0%3D&se=1700000000&skn=registration';
    assert.equal(redactor.redact(`Authorization: ${sas}`), `Authorization: SharedAccessSignature ${REDACTED}`);
    assert.equal(redactor.redact('https://fn.example/api/alloc?code=abcDEF123=='), `https://fn.example/api/alloc?code=${REDACTED}`);
    assert.equal(redactor.redact('x?a=1&sig=zzz&se=5'), `x?a=1&sig=${REDACTED}&se=5`);
  });

  it('removes the user info of a URL, and only that', () => {
    const redactor = new SecretRedactor();
    assert.equal(redactor.redact('POST http://user:s3cret@127.0.0.1:8080/api?x=1 failed'), `POST http://${REDACTED}@127.0.0.1:8080/api?x=1 failed`);
    assert.equal(redactor.redact('{"url":"https://only-user@fn.example/a"}'), `{"url":"https://${REDACTED}@fn.example/a"}`);
    // an @ in a path or a mail address is not user info
    assert.equal(redactor.redact('https://fn.example/a@b and ops@example.com'), 'https://fn.example/a@b and ops@example.com');
  });

  it('redacts deep values and secret-named keys, keeping the rest', () => {
    const redactor = new SecretRedactor().add('s3cr3t-value');
    const input = { headers: { Authorization: 'Bearer abc', host: 'h' }, body: ['s3cr3t-value', 1, null], password: 'pw' };
    assert.deepEqual(redactor.redactDeep(input), {
      headers: { Authorization: REDACTED, host: 'h' },
      body: [REDACTED, 1, null],
      password: REDACTED,
    });
  });

  it('survives cycles', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a['self'] = a;
    const out = new SecretRedactor().redactDeep(a);
    assert.equal(out['name'], 'a');
    assert.equal(out['self'], out);
  });
});

describe('SecretRedactor fast path', () => {
  it('still finds patterns in any letter case, and known secrets without a pattern trigger', () => {
    const redactor = new SecretRedactor().add('plain-secret-value');
    assert.equal(redactor.redact('a?SIG=abc&x=1'), `a?SIG=${REDACTED}&x=1`);
    assert.equal(redactor.redact('sharedaccesssignature sr=a&sig=b'), `SharedAccessSignature ${REDACTED}`);
    assert.equal(redactor.redact('X-Functions-Key: abc'), `X-Functions-Key: ${REDACTED}`);
    assert.equal(redactor.redact('{"v":"plain-secret-value"}'), `{"v":"${REDACTED}"}`);
    assert.equal(redactor.redact('nothing to see: {"modelId":"dtmi:com:example;1"}'), 'nothing to see: {"modelId":"dtmi:com:example;1"}');
  });

  it('picks up a secret added after earlier redactions', () => {
    const redactor = new SecretRedactor().add('first-secret');
    assert.equal(redactor.redact('second-secret'), 'second-secret');
    redactor.add('second-secret');
    assert.equal(redactor.redact('first-secret second-secret'), `${REDACTED} ${REDACTED}`);
  });

  it('redacts values with toJSON as JSON would write them', () => {
    const raw = { toJSON: () => ({ key: 'k', note: 'code=abc' }) };
    assert.deepEqual(new SecretRedactor().redactDeep({ when: new Date(0), raw }), { when: '1970-01-01T00:00:00.000Z', raw: { key: REDACTED, note: `code=${REDACTED}` } });
  });
});

describe('SecretRedactor on JSON text', () => {
  it('redacts the string value of secret-named members, keeping the text valid JSON', () => {
    const text = '{"payload":{"Password":"p\\"w","key":"abc","keyring":"kept","n":1}}';
    const out = new SecretRedactor().redact(text);
    assert.deepEqual(JSON.parse(out), { payload: { Password: REDACTED, key: REDACTED, keyring: 'kept', n: 1 } });
  });
});
