import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

// The test command may start a throwaway PostgreSQL and name it in
// ORCHESTRATION_TEST_POSTGRES_ID; the database tests then run on it as well
// as on SQLite.
const postgresId = process.env.ORCHESTRATION_TEST_POSTGRES_ID as
  | TestDatabaseId
  | undefined;

export const databaseIds: TestDatabaseId[] = postgresId
  ? ['SQLITE_3', postgresId]
  : ['SQLITE_3'];

export function createTestDatabases() {
  return TestDatabases.create({ ids: databaseIds });
}
