import assert from 'node:assert/strict';
import { isHarnessError } from '../../src/errors/harness-error.js';
import { parseHttpUrl } from '../../src/http/parse-http-url.js';

describe('parseHttpUrl', () => {
  it('accepts absolute http and https URLs', () => {
    assert.equal(parseHttpUrl('https://fn.example/api/alloc?code=k', '--url').hostname, 'fn.example');
    assert.equal(parseHttpUrl('http://127.0.0.1:8080/x', '--webhook').port, '8080');
  });

  it('names the option, and never echoes a function key from the text it refuses', () => {
    assert.throws(
      () => parseHttpUrl('fn.example/api?code=S3CRET-KEY', '--webhook'),
      (error: unknown) => isHarnessError(error) && /^--webhook must be an absolute/.test(error.message) && !error.message.includes('S3CRET-KEY'),
    );
    assert.throws(() => parseHttpUrl('ftp://fn.example/x', '--url'), /--url must use http:\/\/ or https:\/\/, got ftp:/);
  });
});
