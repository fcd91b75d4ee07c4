import fs from 'node:fs';
import {
  Composer,
  Document,
  LineCounter,
  Parser,
  isAlias,
  isNode,
  visit,
} from 'yaml';
import { CliError } from './errors';

/** Input files larger than this are refused. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** At most this many YAML documents are read from one file. */
export const MAX_DOCUMENTS = 1000;
/** Limit on alias expansion (the `yaml` library's `maxAliasCount`). */
export const MAX_ALIAS_COUNT = 100;

/** Something wrong at a line of a file's content (not of the file system). */
export class FileContentError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.name = 'FileContentError';
    this.line = line;
  }
}

/** A problem that does not stop the file from being read. */
export interface TextWarning {
  line: number;
  message: string;
}

/** The decoded text of a file. */
export interface TextFile {
  text: string;
  /** The encoding it was read in. */
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  warnings: TextWarning[];
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return (error as Error)?.message ?? String(error);
}

/** `cannot read <file>: <reason>` for a file-system error. */
export function cannotRead(display: string, error: unknown): CliError {
  return new CliError(`cannot read ${display}: ${describeFsError(error)}`);
}

function lineAtIndex(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; ) {
    line++;
    i = text.indexOf('\n', i + 1);
  }
  return line;
}

function decodeUtf16(bytes: Buffer, bigEndian: boolean): string {
  if (bytes.length % 2 !== 0) {
    throw new FileContentError(
      1,
      `the file looks like UTF-16${
        bigEndian ? 'BE' : 'LE'
      } but has an odd number of bytes; save it as UTF-8`,
    );
  }
  let littleEndian = bytes;
  if (bigEndian) {
    littleEndian = Buffer.alloc(bytes.length);
    for (let i = 0; i < bytes.length; i += 2) {
      littleEndian[i] = bytes[i + 1];
      littleEndian[i + 1] = bytes[i];
    }
  }
  return littleEndian.toString('utf16le');
}

/**
 * Decodes a YAML file as YAML itself detects encodings: a byte-order mark
 * or, without one, the pattern of zero bytes around the first character.
 * UTF-8 and UTF-16 (either byte order) are read; UTF-32 is refused.
 */
export function decodeText(bytes: Buffer): TextFile {
  const b = (i: number) => (i < bytes.length ? bytes[i] : -1);
  const utf32 =
    bytes.length >= 4 &&
    ((b(0) === 0 && b(1) === 0 && b(2) === 0xfe && b(3) === 0xff) ||
      (b(0) === 0xff && b(1) === 0xfe && b(2) === 0 && b(3) === 0) ||
      (b(0) === 0 && b(1) === 0 && b(2) === 0 && b(3) !== 0) ||
      (b(0) !== 0 && b(1) === 0 && b(2) === 0 && b(3) === 0));
  if (utf32) {
    throw new FileContentError(
      1,
      'the file is encoded as UTF-32, which is not read; save it as UTF-8',
    );
  }
  let text: string;
  let encoding: TextFile['encoding'];
  const warnings: TextWarning[] = [];
  if (b(0) === 0xff && b(1) === 0xfe) {
    encoding = 'utf-16le';
    text = decodeUtf16(bytes.subarray(2), false);
  } else if (b(0) === 0xfe && b(1) === 0xff) {
    encoding = 'utf-16be';
    text = decodeUtf16(bytes.subarray(2), true);
  } else if (bytes.length >= 2 && b(0) === 0 && b(1) !== 0) {
    encoding = 'utf-16be';
    text = decodeUtf16(bytes, true);
  } else if (bytes.length >= 2 && b(0) !== 0 && b(1) === 0) {
    encoding = 'utf-16le';
    text = decodeUtf16(bytes, false);
  } else {
    encoding = 'utf-8';
    const body =
      b(0) === 0xef && b(1) === 0xbb && b(2) === 0xbf
        ? bytes.subarray(3)
        : bytes;
    try {
      text = new TextDecoder('utf-8', {
        fatal: true,
        ignoreBOM: true,
      }).decode(body);
    } catch {
      text = body.toString('utf8');
      warnings.push({
        line: lineAtIndex(text, text.indexOf('\uFFFD')),
        message:
          'the file is not valid UTF-8; unreadable bytes were replaced by \uFFFD (save it as UTF-8)',
      });
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    throw new FileContentError(
      lineAtIndex(text, nul),
      `the file contains NUL characters: it is not a ${encoding.toUpperCase()} text file (binary, or UTF-16 or UTF-32 without a byte-order mark); save it as UTF-8`,
    );
  }
  return { text, encoding, warnings };
}

function tooLarge(size: number): FileContentError {
  return new FileContentError(
    1,
    `the file is larger than ${
      MAX_FILE_BYTES / 1024 / 1024
    } MB (${size} bytes); split it into several files`,
  );
}

/**
 * Reads and decodes a text file of at most {@link MAX_FILE_BYTES}.
 * File-system errors throw a {@link CliError}; content that cannot be used a
 * {@link FileContentError}.
 */
export function readTextFile(absolute: string, display: string): TextFile {
  let bytes: Buffer;
  try {
    const stat = fs.statSync(absolute);
    if (stat.isFile() && stat.size > MAX_FILE_BYTES) throw tooLarge(stat.size);
    bytes = fs.readFileSync(absolute);
  } catch (error) {
    if (error instanceof FileContentError) throw error;
    throw cannotRead(display, error);
  }
  if (bytes.length > MAX_FILE_BYTES) throw tooLarge(bytes.length);
  return decodeText(bytes);
}

function firstLine(message: string): string {
  return message
    .split('\n')[0]
    .replace(/ at line \d+, column \d+:?$/, '')
    .trim();
}

/** The YAML documents of a text, with a line counter for their positions. */
export interface YamlDocuments {
  documents: Document.Parsed[];
  lineCounter: LineCounter;
}

/**
 * Parses up to `maxDocuments` YAML documents. The first syntax error, or one
 * document too many, throws a {@link FileContentError} with its line.
 */
export function parseYamlDocuments(
  text: string,
  maxDocuments = MAX_DOCUMENTS,
): YamlDocuments {
  const lineCounter = new LineCounter();
  const documents: Document.Parsed[] = [];
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  try {
    const parser = new Parser(lineCounter.addNewLine);
    const composer = new Composer();
    // Composed one document at a time, so a stream of many documents stops early.
    for (const doc of composer.compose(parser.parse(text))) {
      if (documents.length >= maxDocuments) {
        throw new FileContentError(
          lineAt(doc.range[0]),
          maxDocuments === 1
            ? 'expected one YAML document, found more (a line "---" starts another)'
            : `more than ${maxDocuments} YAML documents in one file; split it into several files`,
        );
      }
      const error = doc.errors[0];
      if (error) {
        throw new FileContentError(
          lineAt(error.pos[0]),
          `invalid YAML: ${clipLine(firstLine(error.message))}`,
        );
      }
      documents.push(doc);
    }
  } catch (error) {
    if (error instanceof FileContentError) throw error;
    throw new FileContentError(
      1,
      `invalid YAML: ${firstLine(String((error as Error)?.message ?? error))}`,
    );
  }
  return { documents, lineCounter };
}

/** The first alias of a document, and the first one without an anchor before it. */
function findAliases(doc: Document.Parsed): {
  first?: { source: string; offset?: number };
  unresolved?: { source: string; offset?: number };
} {
  const anchors = new Set<string>();
  let first: { source: string; offset?: number } | undefined;
  let unresolved: { source: string; offset?: number } | undefined;
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) {
        const found = { source: node.source, offset: node.range?.[0] };
        first ??= found;
        if (!anchors.has(node.source)) {
          unresolved = found;
          return visit.BREAK;
        }
      } else if (isNode(node) && node.anchor) {
        anchors.add(node.anchor);
      }
      return undefined;
    },
  });
  return { first, unresolved };
}

/**
 * The plain value of a document. Aliases are expanded at most
 * {@link MAX_ALIAS_COUNT} times; an alias without its anchor (anchors do
 * not carry across `---`) or an alias bomb throws a {@link FileContentError}.
 */
export function documentValue(
  doc: Document.Parsed,
  lineCounter: LineCounter,
): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = String((error as Error)?.message ?? error);
    const start = doc.contents?.range?.[0] ?? doc.range[0];
    const lineAt = (offset: number | undefined) =>
      lineCounter.linePos(offset ?? start).line;
    const aliases = findAliases(doc);
    if (aliases.unresolved) {
      const source = aliases.unresolved.source;
      throw new FileContentError(
        lineAt(aliases.unresolved.offset),
        `invalid YAML: alias *${source} has no anchor &${source} before it in this document (anchors do not carry over to the next document after "---")`,
      );
    }
    if (/alias/i.test(message) && aliases.first) {
      throw new FileContentError(
        lineAt(aliases.first.offset),
        `invalid YAML: its aliases expand to too many values (over ${MAX_ALIAS_COUNT}); write the values out instead of nesting aliases`,
      );
    }
    throw new FileContentError(
      lineAt(undefined),
      `invalid YAML: ${clipLine(firstLine(message))}`,
    );
  }
}

function clipLine(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}
