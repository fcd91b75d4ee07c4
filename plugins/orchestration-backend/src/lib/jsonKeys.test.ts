import { findDuplicateKey } from './jsonKeys';

describe('findDuplicateKey', () => {
  it.each<[string, string | undefined]>([
    ['{}', undefined],
    ['[]', undefined],
    ['"a"', undefined],
    ['{"a":1,"b":2}', undefined],
    ['{"a":1,"a":2}', 'a'],
    ['{ "a" : 1 , "b" : { "c" : true } , "a" : null }', 'a'],
    ['{"decision":{"kind":"accept","kind":"exempt"}}', 'decision.kind'],
    ['{"a":{"x":1},"b":{"x":1}}', undefined],
    ['{"x":1,"a":{"x":1}}', undefined],
    ['{"a":[{"k":1},{"k":1,"k":2}]}', 'a[1].k'],
    ['[[1,2],{"a":1,"a":1}]', '[1].a'],
    ['{"kind":1,"\\u006bind":2}', 'kind'],
    ['{"a\\"":1,"a":2}', undefined],
    ['{"a\\\\":1,"a\\\\":2}', 'a\\'],
    ['{"a":"}{,\\"a\\":","b":"[","a":3}', 'a'],
    ['{"a":{},"b":[],"c":{"a":1},"a":2}', 'a'],
    ['{"":1,"":2}', ''],
  ])('%s: %p', (text, expected) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(findDuplicateKey(text)).toBe(expected);
  });

  it('stops at an unterminated string instead of reading past the end', () => {
    expect(findDuplicateKey('{"a":1,"a')).toBeUndefined();
    expect(findDuplicateKey('{"a":"\\')).toBeUndefined();
  });

  it('shortens a long key in the path', () => {
    const key = 'k'.repeat(1000);
    expect(findDuplicateKey(`{"${key}":{"a":1,"a":2}}`)).toBe(
      `${'k'.repeat(100)}.a`,
    );
  });

  it('reads a body of a megabyte in one pass', () => {
    const items = Array.from(
      { length: 20_000 },
      (_, i) => `"k${i}":"${'x'.repeat(30)}"`,
    );
    const text = `{${items.join(',')},"k0":1}`;
    expect(text.length).toBeGreaterThan(700_000);
    const started = Date.now();
    expect(findDuplicateKey(text)).toBe('k0');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
