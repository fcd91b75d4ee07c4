import { RecentValues } from './RecentValues';

describe('RecentValues', () => {
  it.each([
    { age: 0, fresh: true },
    { age: 999, fresh: true },
    { age: 1_000, fresh: false },
    { age: 60_000, fresh: false },
  ])('a value $age ms old is fresh: $fresh', ({ age, fresh }) => {
    const now = { ms: 10_000 };
    const values = new RecentValues<string | null>({
      freshMs: 1_000,
      maxEntries: 10,
      clock: () => now.ms,
    });
    values.set('a', null);
    now.ms += age;
    expect(values.fresh('a')).toEqual(fresh ? { value: null } : undefined);
    // However old, the last value stays known.
    expect(values.last('a')).toEqual({ value: null });
  });

  it('keeps at most maxEntries, emptied when a new key would pass it', () => {
    const values = new RecentValues<number>({ freshMs: 1_000, maxEntries: 2 });
    values.set('a', 1);
    values.set('b', 2);
    values.set('b', 3);
    expect([values.fresh('a'), values.fresh('b')]).toEqual([
      { value: 1 },
      { value: 3 },
    ]);
    values.set('c', 4);
    expect([values.last('a'), values.last('b'), values.fresh('c')]).toEqual([
      undefined,
      undefined,
      { value: 4 },
    ]);
  });

  it('forgets a deleted key', () => {
    const values = new RecentValues<number>({ freshMs: 1_000, maxEntries: 2 });
    values.set('a', 1);
    values.delete('a');
    expect(values.last('a')).toBeUndefined();
  });
});
