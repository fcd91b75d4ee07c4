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
