import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

// scripts/test.sh starts a throwaway PostgreSQL and names it in ORCHESTRATION_TEST_POSTGRES_ID, so the
// database tests run on SQLite and on a real PostgreSQL; under CI a missing PostgreSQL is a failure.
const postgresId = process.env.ORCHESTRATION_TEST_POSTGRES_ID as
  | TestDatabaseId
  | undefined;
const databaseIds: TestDatabaseId[] = postgresId
  ? ['SQLITE_3', postgresId]
  : ['SQLITE_3'];

const databases = TestDatabases.create({ ids: databaseIds });

describe('backend database', () => {
  it('runs on PostgreSQL as well as SQLite when the test command provides one', () => {
    const postgresUnderTest =
      postgresId ?? (process.env.CI ? 'missing under CI' : 'not configured');
    expect(postgresUnderTest).toMatch(/^(POSTGRES_\d+|not configured)$/);
    expect(databases.eachSupportedId().map(([id]) => id)).toEqual(databaseIds);
  });

  it.each(databases.eachSupportedId())(
    'keeps rows written in a transaction on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.schema.createTable('probe', table => {
        table.increments('id');
        table.string('name').notNullable().unique();
      });
      await knex.transaction(async tx => {
        await tx('probe').insert([{ name: 'first' }, { name: 'second' }]);
      });
      const duplicate = await knex('probe')
        .insert({ name: 'first' })
        .then(
          () => 'inserted a duplicate',
          (error: Error) => error.message,
        );
      expect(duplicate).toMatch(/unique/i);
      expect(await knex('probe').orderBy('id').pluck('name')).toEqual([
        'first',
        'second',
      ]);
    },
  );
});
