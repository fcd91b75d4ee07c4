import fs from 'node:fs';
import path from 'node:path';
import { Document, isMap, isScalar } from 'yaml';
import {
  AssessEntityInput,
  entityRefOf,
} from '@orchestration/plugin-orchestration-common';
import { FileError, InputFilesError } from './errors';
import { describeValue } from './text';
import {
  FileContentError,
  cannotRead,
  documentValue,
  parseYamlDocuments,
  readTextFile,
} from './yamlInput';

type Entity = AssessEntityInput['entity'];

/** One catalog entity read from a YAML file, with where it came from. */
export interface LoadedEntity {
  entity: Entity;
  /** `kind:namespace/name`, lower case. */
  ref: string;
  /** The file as shown to the user. */
  file: string;
  /** 1-based line of the document start. */
  line: number;
  /**
   * `file:line` of an entity with the same ref read before this one; the
   * catalog keeps only one, so this one is linted but not used.
   */
  duplicateOf?: string;
  /** 1-based line of an annotation key in the file, or of the document when not found. */
  lineOfAnnotation(key: string): number;
}

/** A problem found while reading the files, not in an annotation. */
export interface CatalogProblem {
  file: string;
  /** 1-based line; absent for a folder. */
  line?: number;
  severity: 'error' | 'warning';
  message: string;
}

/** An entity or a problem, in the order of the files and their documents. */
export type CatalogItem =
  | { entity: LoadedEntity; problem?: undefined }
  | { problem: CatalogProblem; entity?: undefined };

/** Everything read from the files given. */
export interface LoadedCatalog {
  items: CatalogItem[];
  /** Entities that could be read, in order, duplicates included. */
  entities: LoadedEntity[];
  /** Documents that are meant as entities, including ones with errors. */
  entityDocuments: number;
}

const YAML_EXTENSIONS = new Set(['.yaml', '.yml']);

/** `file:line: severity: message`, or `folder: severity: message`. */
export function formatProblem(problem: CatalogProblem): string {
  const where =
    problem.line === undefined
      ? problem.file
      : `${problem.file}:${problem.line}`;
  return `${where}: ${problem.severity}: ${problem.message}`;
}

function walk(
  directory: string,
  display: string,
  found: Array<{ absolute: string; display: string }>,
) {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    throw cannotRead(display, error);
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const absolute = path.join(directory, entry.name);
    const shown = path.join(display, entry.name);
    if (entry.isDirectory()) walk(absolute, shown, found);
    else if (
      entry.isFile() &&
      YAML_EXTENSIONS.has(path.extname(entry.name).toLowerCase())
    ) {
      found.push({ absolute, display: shown });
    }
  }
}

/**
 * Expands the paths given on the command line: files are kept, folders are
 * walked recursively for *.yaml and *.yml. Each file appears once. Folders
 * without any such file are listed in `emptyFolders`.
 */
export function expandPaths(
  paths: string[],
  cwd: string,
): {
  files: Array<{ absolute: string; display: string }>;
  emptyFolders: string[];
} {
  const found: Array<{ absolute: string; display: string }> = [];
  const emptyFolders: string[] = [];
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch (error) {
      throw cannotRead(given, error);
    }
    if (stat.isDirectory()) {
      const before = found.length;
      walk(absolute, given, found);
      if (found.length === before) emptyFolders.push(given);
    } else found.push({ absolute, display: given });
  }
  const seen = new Set<string>();
  const files = found.filter(file => {
    if (seen.has(file.absolute)) return false;
    seen.add(file.absolute);
    return true;
  });
  return { files, emptyFolders };
}

type LineAt = (offset: number) => number;

/** The key and value nodes of `key` in a YAML map node. */
function pairOf(node: unknown, key: string) {
  if (!isMap(node)) return undefined;
  return node.items.find(
    pair => isScalar(pair.key) && String(pair.key.value) === key,
  );
}

function keyLine(
  node: unknown,
  key: string,
  lineAt: LineAt,
): number | undefined {
  const range = (pairOf(node, key)?.key as { range?: number[] } | undefined)
    ?.range;
  return range ? lineAt(range[0]) : undefined;
}

function annotationLineFinder(doc: Document, lineAt: LineAt, fallback: number) {
  const metadata = doc.get('metadata', true);
  const annotations = pairOf(metadata, 'annotations')?.value;
  const annotationsLine = keyLine(metadata, 'annotations', lineAt) ?? fallback;
  return (key: string): number =>
    // A key that is not written (e.g. a missing one) points at `annotations:`.
    keyLine(annotations, key, lineAt) ?? annotationsLine;
}

function isPlainMap(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Why a field that must be a string is not, with the fix. `source` is the
 * value as written, which YAML may have changed (`1.30` reads as 1.3).
 */
function notAString(
  field: string,
  value: unknown,
  source: string | undefined,
): string | undefined {
  if (value === undefined) return `${field} is missing`;
  if (typeof value === 'string') {
    return value.trim() === '' ? `${field} is empty` : undefined;
  }
  const written = source?.trim() || String(value);
  const quote =
    typeof value === 'number' || typeof value === 'boolean'
      ? `; quote it: ${field.split('.').pop()}: "${written.slice(0, 120)}"`
      : '';
  return `${field} must be a string, not ${describeValue(value)}${quote}`;
}

/**
 * The problems that keep a document from being an entity: kind, name or
 * namespace that are not strings, metadata or annotations that are not maps.
 */
function entityShapeProblems(
  value: Record<string, unknown>,
  doc: Document,
  text: string,
  lineAt: LineAt,
  docLine: number,
): Array<{ line: number; message: string }> {
  const problems: Array<{ line: number; message: string }> = [];
  const sourceOf = (node: unknown) => {
    const range = (node as { range?: number[] } | undefined)?.range;
    return range
      ? text.slice(range[0], Math.min(range[1], range[0] + 200))
      : undefined;
  };
  const root = doc.contents;
  const kindProblem = notAString(
    'kind',
    value.kind,
    sourceOf(pairOf(root, 'kind')?.value),
  );
  if (kindProblem) {
    problems.push({
      line: keyLine(root, 'kind', lineAt) ?? docLine,
      message: `${kindProblem}${
        value.kind === undefined ? ' (e.g. kind: Component)' : ''
      }`,
    });
  }
  const metadata = value.metadata;
  const metadataNode = pairOf(root, 'metadata')?.value;
  const metadataLine = keyLine(root, 'metadata', lineAt) ?? docLine;
  if (!isPlainMap(metadata)) {
    problems.push({
      line: metadataLine,
      message:
        metadata === undefined
          ? 'metadata is missing; an entity needs at least metadata.name'
          : `metadata must be a map with at least name, not ${describeValue(
              metadata,
            )}`,
    });
    return problems;
  }
  const nameProblem = notAString(
    'metadata.name',
    metadata.name,
    sourceOf(pairOf(metadataNode, 'name')?.value),
  );
  if (nameProblem) {
    problems.push({
      line: keyLine(metadataNode, 'name', lineAt) ?? metadataLine,
      message: nameProblem,
    });
  }
  if (metadata.namespace !== undefined && metadata.namespace !== null) {
    const namespaceProblem = notAString(
      'metadata.namespace',
      metadata.namespace,
      sourceOf(pairOf(metadataNode, 'namespace')?.value),
    );
    if (namespaceProblem) {
      problems.push({
        line: keyLine(metadataNode, 'namespace', lineAt) ?? metadataLine,
        message: namespaceProblem,
      });
    }
  }
  const annotations = metadata.annotations;
  if (
    annotations !== undefined &&
    annotations !== null &&
    !isPlainMap(annotations)
  ) {
    problems.push({
      line: keyLine(metadataNode, 'annotations', lineAt) ?? metadataLine,
      message: `metadata.annotations must be a map of key: value, not ${describeValue(
        annotations,
      )}${
        Array.isArray(annotations)
          ? '; write each annotation as "key: value" without a leading "- "'
          : ''
      }; none of its annotations are read`,
    });
  }
  return problems;
}

/** What one file holds. */
export interface CatalogFileContent {
  items: CatalogItem[];
  entityDocuments: number;
}

/**
 * Reads every entity of a multi-document catalog YAML file. Content that
 * cannot be read at all (invalid YAML, a document that is not a map, an
 * undecodable or oversized file) throws a {@link FileContentError}; an
 * entity with invalid fields becomes an error problem.
 */
export function readCatalogFile(
  absolute: string,
  display: string,
): CatalogFileContent {
  const { text, warnings } = readTextFile(absolute, display);
  const items: CatalogItem[] = warnings.map(warning => ({
    problem: { file: display, severity: 'warning', ...warning },
  }));
  const { documents, lineCounter } = parseYamlDocuments(text);
  const lineAt: LineAt = offset => lineCounter.linePos(offset).line;
  let entityDocuments = 0;
  const notEntities: number[] = [];
  const documentItems: CatalogItem[] = [];
  for (const doc of documents) {
    const value = documentValue(doc, lineCounter);
    // An empty document (e.g. after a trailing `---`) holds nothing.
    if (value === null || value === undefined) continue;
    const line = lineAt(doc.contents?.range?.[0] ?? doc.range[0]);
    if (!isPlainMap(value)) {
      throw new FileContentError(
        line,
        `the document is ${describeValue(
          value,
        )}, not a map; a catalog entity is a map with apiVersion, kind and metadata`,
      );
    }
    if (
      value.apiVersion === undefined &&
      value.kind === undefined &&
      value.metadata === undefined
    ) {
      notEntities.push(line);
      continue;
    }
    entityDocuments++;
    const problems = entityShapeProblems(value, doc, text, lineAt, line);
    if (problems.length > 0) {
      for (const problem of problems) {
        documentItems.push({
          problem: { file: display, severity: 'error', ...problem },
        });
      }
      continue;
    }
    const entity = value as unknown as Entity;
    // `annotations:` with nothing under it reads as null: no annotations.
    if (entity.metadata.annotations === null)
      delete entity.metadata.annotations;
    documentItems.push({
      entity: {
        entity,
        ref: entityRefOf(entity),
        file: display,
        line,
        lineOfAnnotation: annotationLineFinder(doc, lineAt, line),
      },
    });
  }
  if (entityDocuments === 0) {
    items.push({
      problem: {
        file: display,
        line: 1,
        severity: 'warning',
        message:
          'no catalog entity in this file (an entity is a YAML map with apiVersion, kind and metadata.name)',
      },
    });
  } else {
    for (const line of notEntities) {
      documentItems.push({
        problem: {
          file: display,
          line,
          severity: 'warning',
          message:
            'this document is not a catalog entity (it has no apiVersion, kind or metadata) and is skipped',
        },
      });
    }
  }
  documentItems.sort(
    (a, b) =>
      (a.entity?.line ?? a.problem?.line ?? 0) -
      (b.entity?.line ?? b.problem?.line ?? 0),
  );
  items.push(...documentItems);
  return { items, entityDocuments };
}

/**
 * Reads every entity from the given files and folders. Files that cannot be
 * read throw one {@link InputFilesError} naming each of them; duplicate
 * entity refs are reported as warnings at the later definition.
 */
export function loadCatalog(paths: string[], cwd: string): LoadedCatalog {
  const { files, emptyFolders } = expandPaths(paths, cwd);
  const items: CatalogItem[] = emptyFolders.map(folder => ({
    problem: {
      file: folder,
      severity: 'warning',
      message: 'no *.yaml or *.yml file in this folder',
    },
  }));
  const fileErrors: FileError[] = [];
  let entityDocuments = 0;
  for (const file of files) {
    try {
      const content = readCatalogFile(file.absolute, file.display);
      items.push(...content.items);
      entityDocuments += content.entityDocuments;
    } catch (error) {
      if (!(error instanceof FileContentError)) throw error;
      fileErrors.push({
        file: file.display,
        line: error.line,
        message: error.message,
      });
    }
  }
  if (fileErrors.length > 0) throw new InputFilesError(fileErrors);

  const withDuplicates: CatalogItem[] = [];
  const entities: LoadedEntity[] = [];
  const first = new Map<string, LoadedEntity>();
  for (const item of items) {
    if (item.entity) {
      const loaded = item.entity;
      const earlier = first.get(loaded.ref);
      if (earlier) {
        loaded.duplicateOf = `${earlier.file}:${earlier.line}`;
        withDuplicates.push({
          problem: {
            file: loaded.file,
            line: loaded.line,
            severity: 'warning',
            message: `${loaded.ref} is defined twice: at ${loaded.duplicateOf} and here; the catalog keeps one, so this definition is not used`,
          },
        });
      } else {
        first.set(loaded.ref, loaded);
      }
      entities.push(loaded);
    }
    withDuplicates.push(item);
  }
  return { items: withDuplicates, entities, entityDocuments };
}
