import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { parseAllDocuments } from 'yaml';

const MAX_DOCUMENTS = 500;

function asEntity(value: unknown, where: string): Entity {
  const entity = value as Entity;
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    typeof entity.kind !== 'string' ||
    typeof entity.metadata !== 'object' ||
    entity.metadata === null ||
    typeof entity.metadata.name !== 'string' ||
    !entity.metadata.name
  ) {
    throw new InputError(
      `${where} must be a catalog entity with kind and metadata.name`,
    );
  }
  if (
    entity.metadata.annotations !== undefined &&
    (typeof entity.metadata.annotations !== 'object' ||
      entity.metadata.annotations === null ||
      Array.isArray(entity.metadata.annotations))
  ) {
    throw new InputError(`${where}.metadata.annotations must be an object`);
  }
  return {
    ...entity,
    apiVersion: entity.apiVersion ?? 'backstage.io/v1alpha1',
    metadata: {
      ...entity.metadata,
      namespace: entity.metadata.namespace ?? 'default',
    },
  };
}

function isComponent(entity: Entity) {
  return entity.kind.toLocaleLowerCase('en-US') === 'component';
}

function parseNow(now: unknown): Date {
  if (now === undefined || now === null) return new Date();
  if (typeof now !== 'string' || Number.isNaN(Date.parse(now))) {
    throw new InputError(
      `now must be an ISO-8601 timestamp, e.g. 2026-11-28T00:00:00Z; got ${JSON.stringify(
        now,
      )}`,
    );
  }
  return new Date(Date.parse(now));
}

export interface EvaluateInput {
  entity: Entity;
  related: Entity[];
  now: Date;
}

/** Reads `{ entity, related?, now? }`. */
export function parseEvaluateJson(body: unknown): EvaluateInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InputError(
      'The body must be a JSON object { entity, related?, now? }',
    );
  }
  const { entity, related, now, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) {
    throw new InputError(
      `Unknown field ${unknown.join(
        ', ',
      )} in the body; expected entity, related, now`,
    );
  }
  if (entity === undefined) {
    throw new InputError('entity is required: the Component to assess');
  }
  const parsed = asEntity(entity, 'entity');
  if (!isComponent(parsed)) {
    throw new InputError(`entity must be a Component; got kind ${parsed.kind}`);
  }
  if (related !== undefined && !Array.isArray(related)) {
    throw new InputError('related must be a list of catalog entities');
  }
  if (Array.isArray(related) && related.length > MAX_DOCUMENTS) {
    throw new InputError(`related accepts at most ${MAX_DOCUMENTS} entities`);
  }
  return {
    entity: parsed,
    related: (related ?? []).map((item, index) =>
      asEntity(item, `related[${index}]`),
    ),
    now: parseNow(now),
  };
}

/** Reads catalog-info YAML: the first Component is assessed, the other documents are related entities. */
export function parseEvaluateYaml(text: string, now: unknown): EvaluateInput {
  if (typeof text !== 'string' || text.trim() === '') {
    throw new InputError('The YAML body is empty; send a catalog-info.yaml');
  }
  const documents = parseAllDocuments(text);
  const all = Array.isArray(documents) ? documents : [documents];
  if (all.length > MAX_DOCUMENTS) {
    throw new InputError(
      `The YAML body has more than ${MAX_DOCUMENTS} documents`,
    );
  }
  const entities: Entity[] = [];
  all.forEach((document, index) => {
    if (document.errors.length > 0) {
      throw new InputError(
        `The YAML body could not be parsed (document ${index + 1}): ${
          document.errors[0].message
        }`,
      );
    }
    const value = document.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) return;
    entities.push(asEntity(value, `YAML document ${index + 1}`));
  });
  const index = entities.findIndex(isComponent);
  if (index < 0) {
    throw new InputError('The YAML body has no Component to assess');
  }
  return {
    entity: entities[index],
    related: entities.filter((_, i) => i !== index),
    now: parseNow(now),
  };
}
