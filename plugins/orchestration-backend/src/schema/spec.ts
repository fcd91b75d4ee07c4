import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'node:fs';
import { parse } from 'yaml';

/** Location of the OpenAPI document of the REST API. */
export const OPENAPI_PATH = resolvePackagePath(
  '@orchestration/plugin-orchestration-backend',
  'src/schema/openapi.yaml',
);

let cached: Record<string, any> | undefined;

/** The OpenAPI document of the REST API, parsed. */
export function loadOpenApiSpec(): Record<string, any> {
  if (!cached) cached = parse(fs.readFileSync(OPENAPI_PATH, 'utf8'));
  return structuredClone(cached!);
}
