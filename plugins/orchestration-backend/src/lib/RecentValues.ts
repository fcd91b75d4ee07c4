/**
 * Values read a moment ago, by key, to be used again instead of being read
 * again while they are fresh. Holds at most `maxEntries`: when a new key
 * would pass that, it is emptied first, so memory stays bounded whatever is
 * asked for.
 */
export class RecentValues<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();
  private readonly clock: () => number;

  constructor(
    private readonly options: {
      /** How long a value stays fresh. */
      freshMs: number;
      maxEntries: number;
      /** The current time in milliseconds; `Date.now` by default. */
      clock?: () => number;
    },
  ) {
    this.clock = options.clock ?? (() => Date.now());
  }

  /** The value remembered for the key while it is fresh. */
  fresh(key: string): { value: V } | undefined {
    const entry = this.entries.get(key);
    if (!entry || this.clock() - entry.at >= this.options.freshMs) {
      return undefined;
    }
    return { value: entry.value };
  }

  /** The value last remembered for the key, however old. */
  last(key: string): { value: V } | undefined {
    const entry = this.entries.get(key);
    return entry && { value: entry.value };
  }

  /** Remembers a value read at `at` (now by default). */
  set(key: string, value: V, at: number = this.clock()): void {
    if (
      this.entries.size >= this.options.maxEntries &&
      !this.entries.has(key)
    ) {
      this.entries.clear();
    }
    this.entries.set(key, { value, at });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
