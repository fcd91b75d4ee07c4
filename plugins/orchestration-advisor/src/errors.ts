/** Usage errors, unreadable files, invalid YAML, configuration or kubeconfig. */
export const EXIT_USAGE = 2;
/** The Kubernetes API server or Backstage could not be reached or queried (network, TLS, time limit). */
export const EXIT_UNREACHABLE = 3;
/** The Kubernetes API server or Backstage refused the request (HTTP 4xx: credentials, permissions, a value it rejects). */
export const EXIT_REFUSED = 4;
/** The Kubernetes API server or Backstage failed (HTTP 5xx, or an answer that cannot be read). */
export const EXIT_SERVER_ERROR = 5;

/**
 * An error that ends the command with a one-line message and an exit code:
 * 2 by default (usage errors, unreadable files, invalid YAML or
 * configuration), or one of the network exit codes above.
 */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT_USAGE) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
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
