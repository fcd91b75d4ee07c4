import { TurnLookups } from './TurnLookups';

describe('TurnLookups', () => {
  it('answers the lookups of one turn with one call, in chunks of the most keys', async () => {
    const calls: string[][] = [];
    const lookups = new TurnLookups<number>(async keys => {
      calls.push(keys);
      return new Map(keys.filter(k => k !== 'none').map(k => [k, k.length]));
    }, 2);
    const answers = await Promise.all(
      ['a', 'bb', 'a', 'ccc', 'none'].map(key => lookups.get(key)),
    );
    expect(answers).toEqual([1, 2, 1, 3, undefined]);
    expect(calls).toEqual([
      ['a', 'bb'],
      ['ccc', 'none'],
    ]);

    expect(await lookups.get('dddd')).toBe(4);
    expect(calls).toHaveLength(3);
  });

  it('fails the lookups of a failed call only', async () => {
    let fail = true;
    const lookups = new TurnLookups<string>(async keys => {
      if (fail) throw new Error('database gone');
      return new Map(keys.map(k => [k, k]));
    });
    const failed = await Promise.allSettled([
      lookups.get('a'),
      lookups.get('b'),
    ]);
    expect(failed.map(r => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await lookups.get('a')).toBe('a');
  });
});
