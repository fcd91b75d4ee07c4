import { spec } from './openapi';

/**
 * The OpenAPI document of the REST API, as generated from
 * `src/schema/openapi.yaml`: a copy, free to read or change.
 */
export function loadOpenApiSpec(): Record<string, any> {
  return structuredClone(spec) as Record<string, any>;
}
