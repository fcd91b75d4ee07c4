import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  Composer,
  Document,
  isMap,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  Parser,
  YAMLError,
} from 'yaml';
import { assertPlainText, checkBodyValue, MAX_BODY_DEPTH } from './requestText';

/** At most this many related entities in a JSON body. */
const MAX_RELATED = 500;

/**
 * Limits of YAML bodies. The endpoint assesses one Component and reads a few
 * related entities (its owner Group, its cluster Resource, platform teams),
 * so a catalog-info.yaml of more than 50 documents is not a request for it.
 * Aliases are expanded at most 100 times (YAML's "billion laughs").
 */
export const MAX_YAML_DOCUMENTS = 50;
export const MAX_YAML_ALIAS_COUNT = 100;

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
  if (Array.isArray(related) && related.length > MAX_RELATED) {
    throw new InputError(`related accepts at most ${MAX_RELATED} entities`);
  }
  return {
    entity: parsed,
    related: (related ?? []).map((item, index) =>
      asEntity(item, `related[${index}]`),
    ),
    now: parseNow(now),
  };
}

/**
 * Counts the lines that start a document (`---`), stopping past `limit`: a
 * cheap scan that refuses a stream of many documents before any parsing.
 */
export function countDocumentStarts(text: string, limit: number): number {
  const marker = /^---(?=[ \t\r\n]|$)/gm;
  let count = 0;
  while (count <= limit && marker.exec(text)) count++;
  return count;
}

function tooManyDocuments() {
  return new InputError(
    `The YAML body has more than ${MAX_YAML_DOCUMENTS} documents, the most accepted; send the Component and the entities it refers to`,
  );
}

function tooDeep() {
  return new InputError(
    `The YAML body is nested too deeply; a body may nest objects and lists at most ${MAX_BODY_DEPTH} levels deep`,
  );
}

function parseError(error: YAMLError, lines: LineCounter, index: number) {
  const { line, col } = lines.linePos(error.pos[0]);
  const where = line > 0 ? ` at line ${line}, column ${col}` : '';
  return new InputError(
    `The YAML body could not be parsed (document ${index + 1}${where}): ${
      error.message.split('\n')[0]
    }`,
  );
}

/** The key a mapping of the document has twice, if any: a linear check. */
function duplicateKey(document: Document.Parsed): string | undefined {
  const stack: unknown[] = [document.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          if (seen.has(pair.key.value)) return String(pair.key.value);
          seen.add(pair.key.value);
        } else {
          stack.push(pair.key);
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      stack.push(...node.items);
    }
  }
  return undefined;
}

/** Parser stack entries allowed: a few per level of nesting. */
const MAX_PARSER_STACK = 4 * MAX_BODY_DEPTH;
/** Parsing gives the event loop a turn after this many milliseconds. */
const SLICE_MS = 8;

const turn = () => new Promise<void>(resolve => setImmediate(resolve));

/**
 * The documents of a YAML stream as plain values. The text is lexed, parsed
 * and composed a token at a time, giving other requests a turn every few
 * milliseconds, and stops at the first document past the limit or nesting
 * past the limit; aliases are expanded within {@link MAX_YAML_ALIAS_COUNT}.
 * Keys are checked for duplicates in linear time (the parser's own check
 * compares every pair of keys of a mapping).
 */
async function yamlDocuments(text: string): Promise<unknown[]> {
  if (countDocumentStarts(text, MAX_YAML_DOCUMENTS) > MAX_YAML_DOCUMENTS) {
    throw tooManyDocuments();
  }
  const lines = new LineCounter();
  lines.addNewLine(0);
  const parser = new Parser(lines.addNewLine);
  const composer = new Composer({ uniqueKeys: false });
  const values: unknown[] = [];
  const take = (document: Document.Parsed) => {
    const index = values.length;
    if (index >= MAX_YAML_DOCUMENTS) throw tooManyDocuments();
    if (document.errors.length > 0) {
      throw parseError(document.errors[0], lines, index);
    }
    const duplicate = duplicateKey(document);
    if (duplicate !== undefined) {
      throw new InputError(
        `The YAML body could not be parsed (document ${
          index + 1
        }): the key ${JSON.stringify(duplicate)} appears twice in one mapping`,
      );
    }
    values.push(document.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT }));
  };
  try {
    let sliceStart = performance.now();
    let steps = 0;
    for (const lexeme of new Lexer().lex(text)) {
      for (const token of parser.next(lexeme)) {
        for (const document of composer.next(token)) take(document);
      }
      if (parser.stack.length > MAX_PARSER_STACK) throw tooDeep();
      if (++steps % 256 === 0 && performance.now() - sliceStart > SLICE_MS) {
        await turn();
        sliceStart = performance.now();
      }
    }
    for (const token of parser.end()) {
      for (const document of composer.next(token)) take(document);
    }
    for (const document of composer.end()) take(document);
  } catch (error) {
    if (error instanceof InputError) throw error;
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      throw new InputError(
        `The YAML body expands aliases more than the ${MAX_YAML_ALIAS_COUNT} times allowed (maxAliasCount); write the values out instead`,
      );
    }
    if (error instanceof RangeError) throw tooDeep();
    throw new InputError(
      `The YAML body could not be parsed: ${(error as Error)?.message}`,
    );
  }
  return values;
}

/**
 * Reads catalog-info YAML: the first Component is assessed, the other
 * documents are related entities. At most {@link MAX_YAML_DOCUMENTS}
 * documents, {@link MAX_YAML_ALIAS_COUNT} alias expansions, and no control
 * characters other than tab, LF and CR.
 */
export async function parseEvaluateYaml(
  text: string,
  now: unknown,
): Promise<EvaluateInput> {
  if (typeof text !== 'string' || text.trim() === '') {
    throw new InputError('The YAML body is empty; send a catalog-info.yaml');
  }
  assertPlainText(text, 'The YAML body');
  const entities: Entity[] = [];
  (await yamlDocuments(text)).forEach((value, index) => {
    if (value === null || value === undefined) return;
    const where = `YAML document ${index + 1}`;
    checkBodyValue(value, { root: 'the document', suffix: ` in ${where}` });
    entities.push(asEntity(value, where));
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
