import fs from 'node:fs';
import path from 'node:path';
import {
  LineCounter,
  parseAllDocuments,
  Document,
  isMap,
  isScalar,
} from 'yaml';
import type { AssessEntityInput } from '@orchestration/plugin-orchestration-common';

type Entity = AssessEntityInput['entity'];
import { CliError } from './errors';

/** One catalog entity read from a YAML file, with where it came from. */
export interface LoadedEntity {
  entity: Entity;
  /** The file as shown to the user. */
  file: string;
  /** 1-based line of the document start. */
  line: number;
  /** 1-based line of an annotation key in the file, or of the document when not found. */
  lineOfAnnotation(key: string): number;
}

const YAML_EXTENSIONS = new Set(['.yaml', '.yml']);

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return (error as Error)?.message ?? String(error);
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
    throw new CliError(`cannot read ${display}: ${describeFsError(error)}`);
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
 * walked recursively for *.yaml and *.yml. Each file appears once.
 */
export function expandPaths(
  paths: string[],
  cwd: string,
): Array<{ absolute: string; display: string }> {
  const found: Array<{ absolute: string; display: string }> = [];
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch (error) {
      throw new CliError(`cannot read ${given}: ${describeFsError(error)}`);
    }
    if (stat.isDirectory()) walk(absolute, given, found);
    else found.push({ absolute, display: given });
  }
  const seen = new Set<string>();
  return found.filter(file => {
    if (seen.has(file.absolute)) return false;
    seen.add(file.absolute);
    return true;
  });
}

function firstLine(message: string): string {
  return message
    .split('\n')[0]
    .replace(/ at line \d+, column \d+:?$/, '')
    .trim();
}

function annotationLineFinder(
  doc: Document,
  lineCounter: LineCounter,
  fallback: number,
) {
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  const metadata = doc.get('metadata', true);
  let annotations: unknown;
  let annotationsLine = fallback;
  if (isMap(metadata)) {
    for (const pair of metadata.items) {
      if (isScalar(pair.key) && pair.key.value === 'annotations') {
        annotations = pair.value;
        if (pair.key.range) annotationsLine = lineAt(pair.key.range[0]);
      }
    }
  }
  return (key: string): number => {
    if (isMap(annotations)) {
      for (const pair of annotations.items) {
        if (
          isScalar(pair.key) &&
          String(pair.key.value) === key &&
          pair.key.range
        ) {
          return lineAt(pair.key.range[0]);
        }
      }
    }
    // A key that is not written (e.g. a missing one) points at `annotations:`.
    return annotationsLine;
  };
}

/** Reads every entity of a multi-document catalog YAML file. */
export function readCatalogFile(
  absolute: string,
  display: string,
): LoadedEntity[] {
  let text: string;
  try {
    text = fs.readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${display}: ${describeFsError(error)}`);
  }
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter });
  if (!Array.isArray(documents)) {
    // An empty stream parses to an EmptyStream, which holds no entities.
    return [];
  }
  const loaded: LoadedEntity[] = [];
  for (const doc of documents) {
    const error = doc.errors[0];
    if (error) {
      const line =
        error.linePos?.[0].line ?? lineCounter.linePos(error.pos[0]).line;
      throw new CliError(
        `invalid YAML in ${display}:${line}: ${firstLine(error.message)}`,
      );
    }
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
    const entity = value as Entity;
    if (
      typeof entity.kind !== 'string' ||
      typeof entity.metadata?.name !== 'string'
    )
      continue;
    const start = doc.contents?.range?.[0] ?? 0;
    const line = lineCounter.linePos(start).line;
    loaded.push({
      entity,
      file: display,
      line,
      lineOfAnnotation: annotationLineFinder(doc, lineCounter, line),
    });
  }
  return loaded;
}

/** Reads every entity from the given files and folders. */
export function loadCatalog(paths: string[], cwd: string): LoadedEntity[] {
  const files = expandPaths(paths, cwd);
  return files.flatMap(file => readCatalogFile(file.absolute, file.display));
}
