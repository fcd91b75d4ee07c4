import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { createHash } from 'node:crypto';

/** Reads entities by ref in one catalog call, by the ref as given. */
export type ReadEntities = (
  entityRefs: string[],
  credentials: BackstageCredentials,
) => Promise<Map<string, Entity>>;

export interface CallerBatchesOptions {
  /** Most refs in one call. Default 100. */
  maxRefs?: number;
  /** Most calls under way at once per caller. Default 4. */
  maxInFlight?: number;
}

interface Waiter {
  refs: string[];
  credentials: BackstageCredentials;
  resolve: (found: Map<string, Entity>) => void;
  reject: (error: unknown) => void;
}

interface Lane {
  queue: Waiter[];
  inFlight: number;
  scheduled: boolean;
}

/**
 * Who the catalog sees when a call is made with these credentials, or
 * undefined when calls made with them must not be shared. A user's calls go
 * on the user's behalf, from the user's token: shared only between requests
 * with the very same token. A service's calls go as this plugin whatever
 * the service: shared between requests of the same service, unless its
 * access is restricted (then every call is checked against the
 * restrictions on its own).
 */
export function callerKey(
  credentials: BackstageCredentials,
): string | undefined {
  const principal = credentials.principal as any;
  if (principal?.type === 'service' && principal.subject) {
    return principal.accessRestrictions
      ? undefined
      : `service:${principal.subject}`;
  }
  const token = (credentials as { token?: unknown }).token;
  if (
    principal?.type !== 'user' ||
    !principal.userEntityRef ||
    typeof token !== 'string' ||
    token === ''
  ) {
    return undefined;
  }
  return `user:${principal.userEntityRef}:${createHash('sha256')
    .update(token)
    .digest('base64url')}`;
}

/**
 * Shares catalog reads between the requests of one caller that wait at the
 * same time: a request's refs join the call about to be made for that caller
 * (made once the current turn of the event loop ends), or, while
 * `maxInFlight` calls of that caller are under way, the next one, made as
 * soon as one of those answers. Each request still waits for exactly one
 * call and gets the entities of its own refs; a caller alone waits for no
 * one. Requests of different callers never share a call (see
 * {@link callerKey}).
 */
export class CallerBatches {
  private readonly lanes = new Map<string, Lane>();
  private readonly maxRefs: number;
  private readonly maxInFlight: number;

  constructor(
    private readonly read: ReadEntities,
    options: CallerBatchesOptions = {},
  ) {
    this.maxRefs = options.maxRefs ?? 100;
    this.maxInFlight = options.maxInFlight ?? 4;
  }

  /** The entities found among the refs, read in a call shared with the same caller's. */
  get(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, Entity>> {
    const key = callerKey(credentials);
    if (key === undefined) return this.read(entityRefs, credentials);
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { queue: [], inFlight: 0, scheduled: false };
      this.lanes.set(key, lane);
    }
    const joined = lane;
    return new Promise((resolve, reject) => {
      joined.queue.push({ refs: entityRefs, credentials, resolve, reject });
      if (joined.inFlight < this.maxInFlight && !joined.scheduled) {
        joined.scheduled = true;
        setImmediate(() => {
          joined.scheduled = false;
          this.send(key, joined);
        });
      }
    });
  }

  /** Callers with requests waiting or under way. */
  get size(): number {
    return this.lanes.size;
  }

  private send(key: string, lane: Lane) {
    if (lane.queue.length === 0) {
      if (lane.inFlight === 0) this.lanes.delete(key);
      return;
    }
    const batch: Waiter[] = [];
    const refs = new Set<string>();
    while (lane.queue.length > 0) {
      const next = lane.queue[0];
      const added = next.refs.filter(ref => !refs.has(ref)).length;
      if (batch.length > 0 && refs.size + added > this.maxRefs) break;
      lane.queue.shift();
      batch.push(next);
      for (const ref of next.refs) refs.add(ref);
    }
    lane.inFlight += 1;
    this.read([...refs], batch[0].credentials)
      .then(
        found => {
          for (const waiter of batch) {
            const own = new Map<string, Entity>();
            for (const ref of waiter.refs) {
              const entity = found.get(ref);
              if (entity) own.set(ref, entity);
            }
            waiter.resolve(own);
          }
        },
        error => {
          for (const waiter of batch) waiter.reject(error);
        },
      )
      .finally(() => {
        lane.inFlight -= 1;
        if (lane.queue.length > 0) {
          this.send(key, lane);
        } else if (lane.inFlight === 0 && !lane.scheduled) {
          this.lanes.delete(key);
        }
      });
    // More waiting than one call takes, and room for another call: send it.
    if (lane.queue.length > 0 && lane.inFlight < this.maxInFlight) {
      this.send(key, lane);
    }
  }
}
