import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createTestDatabases } from '../__testUtils__/databases';
import { scopeOf } from '../services/Notifications';
import {
  NotificationTable,
  NOTIFICATIONS_TABLE,
  notificationKeyText,
} from '../services/Store/tables/NotificationTable';

const migrationsDir = resolvePackagePath(
  '@orchestration/plugin-orchestration-backend',
  'migrations',
);
const MIGRATION = '20261108000000_notifications.js';

jest.setTimeout(60_000);

const key = (entityRef: string, kind = 'obligation-critical', k = 'etcd') => ({
  entityRef,
  kind,
  key: k,
});
const row = (snapshotId: number) => ({
  recipient: 'group:default/platform',
  notifiedAt: '2026-11-28T09:00:00.000Z',
  snapshotId,
});

describe.each(createTestDatabases().eachSupportedId())(
  'notifications table on %p',
  databaseId => {
    const databases = createTestDatabases();

    it('is created and dropped by its migration, keyed by entity, kind and occurrence', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex.schema.hasTable(NOTIFICATIONS_TABLE)).toBe(true);

      const insert = () =>
        knex(NOTIFICATIONS_TABLE).insert({
          entity_ref: 'resource:default/prod-kops',
          kind: 'obligation-critical',
          transition_key: 'etcd-backups',
          recipient: 'group:default/platform',
          notified_at: '2026-11-28T09:00:00.000Z',
          snapshot_id: 1,
        });
      await insert();
      const again = await insert().then(
        () => 'inserted twice',
        (error: Error) => error.message,
      );
      expect(again).toMatch(/unique|duplicate/i);

      await knex.migrate.down({ directory: migrationsDir, name: MIGRATION });
      expect(await knex.schema.hasTable(NOTIFICATIONS_TABLE)).toBe(false);
      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex.schema.hasTable(NOTIFICATIONS_TABLE)).toBe(true);
      expect(await knex(NOTIFICATIONS_TABLE).count({ n: '*' })).toEqual([
        { n: expect.anything() },
      ]);
    });

    it('lets exactly one of many concurrent claims of an occurrence land', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      const tables = [new NotificationTable(knex), new NotificationTable(knex)];
      const claims = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          tables[i % 2].claim(key('resource:default/prod-kops'), row(i + 1)),
        ),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await tables[0].list()).toHaveLength(1);
    });

    it('lets each occurrence land once when two replicas claim overlapping batches', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      const keys = Array.from({ length: 250 }, (_, i) =>
        key(`component:default/s-${String(i).padStart(3, '0')}`),
      );
      const claim = (table: NotificationTable, from: number, to: number) =>
        table.claimMany(keys.slice(from, to), {
          recipientOf: () => 'group:default/platform',
          notifiedAt: '2026-11-28T09:00:00.000Z',
          snapshotId: 1,
        });
      const [a, b] = await Promise.all([
        claim(new NotificationTable(knex), 0, 200),
        claim(new NotificationTable(knex), 50, 250),
      ]);
      expect([...a].filter(k => b.has(k))).toEqual([]);
      expect(new Set([...a, ...b])).toEqual(
        new Set(keys.map(notificationKeyText)),
      );
      expect(await new NotificationTable(knex).list()).toHaveLength(250);
    });

    it('forgets what no longer holds, but not what a newer run told', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      const table = new NotificationTable(knex);
      // More rows than one chunk, to read the table in several.
      const many = Array.from({ length: 1203 }, (_, i) =>
        key(`component:default/s-${String(i).padStart(4, '0')}`),
      );
      for (const k of many) expect(await table.claim(k, row(5))).toBe(true);
      expect(await table.claim(key('resource:default/new'), row(7))).toBe(true);

      const holding = new Set(
        many.filter((_, i) => i % 3 === 0).map(notificationKeyText),
      );
      expect(await table.forgetAllBut(holding, 6)).toBe(1203 - 401);
      const left = await table.list();
      expect(left).toHaveLength(401 + 1);
      expect(left.map(l => l.entityRef)).toContain('resource:default/new');
      expect((await table.told(many)).size).toBe(401);

      await table.release(key('resource:default/new'));
      expect(await table.list()).toHaveLength(401);
    });
  },
);

describe('scopeOf', () => {
  it.each([
    [
      'resource:default/prod-kops',
      'orchestration:obligation-critical:resource:default/prod-kops:etcd-backups',
    ],
    [
      `component:default/${'x'.repeat(250)}`,
      expect.stringMatching(
        /^orchestration:obligation-critical:sha256:[0-9a-f]{64}$/,
      ),
    ],
  ])(
    'names the notification of an occurrence of %s within 255 characters',
    (entityRef, expected) => {
      const scope = scopeOf({
        kind: 'obligation-critical',
        entityRef,
        key: 'etcd-backups',
      });
      expect(scope).toEqual(expected);
      expect(scope.length).toBeLessThanOrEqual(255);
    },
  );
});
