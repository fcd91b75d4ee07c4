/**
 * Lookups by key asked for in the same turn of the event loop, answered
 * together by one call for all their keys (at most `maxKeys` keys a call),
 * so concurrent requests share one database query instead of one each.
 * Keys the call does not answer give undefined; a failed call fails every
 * lookup it answers.
 */
export class TurnLookups<V> {
  private waiting = new Map<
    string,
    Array<{
      resolve: (value: V | undefined) => void;
      reject: (e: unknown) => void;
    }>
  >();
  private scheduled = false;

  constructor(
    private readonly load: (keys: string[]) => Promise<ReadonlyMap<string, V>>,
    private readonly maxKeys = 500,
  ) {}

  get(key: string): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(key);
      if (list) list.push({ resolve, reject });
      else this.waiting.set(key, [{ resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush() {
    this.scheduled = false;
    const waiting = this.waiting;
    this.waiting = new Map();
    const keys = [...waiting.keys()];
    for (let i = 0; i < keys.length; i += this.maxKeys) {
      const chunk = keys.slice(i, i + this.maxKeys);
      Promise.resolve()
        .then(() => this.load(chunk))
        .then(
          found => {
            for (const key of chunk) {
              for (const { resolve } of waiting.get(key)!) {
                resolve(found.get(key));
              }
            }
          },
          error => {
            for (const key of chunk) {
              for (const { reject } of waiting.get(key)!) reject(error);
            }
          },
        );
    }
  }
}
