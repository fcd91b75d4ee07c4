import knexFactory, { Knex } from 'knex';
import { SnapshotRefs } from './snapshotRefs';

describe('SnapshotRefs', () => {
  let knex: Knex;
  let queries: string[];

  beforeEach(async () => {
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: ':memory:' },
      useNullAsDefault: true,
    });
    await knex.schema.createTable('orchestration_assessments', table => {
      table.integer('snapshot_id');
      table.string('entity_ref');
      table.string('owner').nullable();
      table.string('cluster').nullable();
    });
    await knex('orchestration_assessments').insert([
      {
        snapshot_id: 1,
        entity_ref: 'component:default/a',
        owner: 'group:default/old',
        cluster: null,
      },
      {
        snapshot_id: 2,
        entity_ref: 'component:default/a',
        owner: 'group:default/web',
        cluster: null,
      },
      {
        snapshot_id: 2,
        entity_ref: 'component:default/b',
        owner: 'group:default/web',
        cluster: 'resource:default/k8s',
      },
    ]);
    queries = [];
    knex.on('query', q => queries.push(q.sql));
  });

  afterEach(() => knex.destroy());

  /** Refs serving `served.generation`, on a clock moved by hand. */
  function clockedRefs() {
    const now = { ms: 0 };
    const served = { generation: 1 };
    const refs = new SnapshotRefs(
      { knex, currentGeneration: async () => served.generation },
      undefined,
      () => now.ms,
    );
    return { refs, now, served };
  }

  it('answers the lookups of one turn with one query of the generation served', async () => {
    let generationReads = 0;
    const refs = new SnapshotRefs({
      knex,
      currentGeneration: async () => {
        generationReads += 1;
        return 2;
      },
    });
    const [a, b, again, ghost] = await Promise.all([
      refs.get('component:default/a'),
      refs.get('component:default/b'),
      refs.get('component:default/a'),
      refs.get('component:default/ghost'),
    ]);
    expect(a).toEqual({ owner: 'group:default/web', cluster: null });
    expect(again).toEqual(a);
    expect(b).toEqual({
      owner: 'group:default/web',
      cluster: 'resource:default/k8s',
    });
    expect(ghost).toBeUndefined();
    expect(generationReads).toBe(1);
    expect(queries).toHaveLength(1);

    // The generation's rows never change: what was read of it, found or
    // not, is answered again without a query.
    expect(await refs.get('component:default/b')).toEqual(b);
    expect(await refs.get('component:default/ghost')).toBeUndefined();
    expect(queries).toHaveLength(1);
    expect(generationReads).toBe(1);
  });

  it('reads again what it remembers once another generation is served', async () => {
    const { refs, now, served } = clockedRefs();
    expect((await refs.get('component:default/b'))?.cluster).toBeUndefined();
    expect(await refs.get('component:default/b')).toBeUndefined();
    expect(queries).toHaveLength(1);
    served.generation = 2;
    now.ms += 1_000;
    expect((await refs.get('component:default/b'))?.cluster).toBe(
      'resource:default/k8s',
    );
    expect(queries).toHaveLength(2);
  });

  it('reads the generation served again after a second', async () => {
    const { refs, now, served } = clockedRefs();
    expect(await refs.get('component:default/a')).toEqual({
      owner: 'group:default/old',
      cluster: null,
    });
    served.generation = 2;
    now.ms += 999;
    expect((await refs.get('component:default/a'))?.owner).toBe(
      'group:default/old',
    );
    now.ms += 1;
    expect((await refs.get('component:default/a'))?.owner).toBe(
      'group:default/web',
    );
  });

  it('knows nothing before the first refresh, or when the database fails', async () => {
    const none = new SnapshotRefs({
      knex,
      currentGeneration: async () => null,
    });
    expect(await none.get('component:default/a')).toBeUndefined();

    const failing = new SnapshotRefs({
      knex,
      currentGeneration: async () => {
        throw new Error('database gone');
      },
    });
    expect(await failing.get('component:default/a')).toBeUndefined();
  });
});
