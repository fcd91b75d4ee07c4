/**
 * An error that ends the command with a one-line message and exit code 2
 * (usage errors, unreadable files, invalid YAML or configuration).
 */
export class CliError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** Where in an input file something is wrong, and what. */
export interface FileError {
  file: string;
  /** 1-based line. */
  line: number;
  message: string;
}

/** `file:line: error: message`, the one-line form of a {@link FileError}. */
export function formatFileError(error: FileError): string {
  return `${error.file}:${error.line}: error: ${error.message}`;
}

/**
 * Input files that cannot be used (invalid YAML, too large, undecodable):
 * each is printed as `file:line: error: message` and the command exits 2.
 */
export class InputFilesError extends CliError {
  readonly errors: FileError[];
  constructor(errors: FileError[]) {
    super(errors.map(formatFileError).join('\n'));
    this.name = 'InputFilesError';
    this.errors = errors;
  }
}
