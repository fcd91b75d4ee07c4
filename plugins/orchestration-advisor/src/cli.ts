import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { parse as parseYaml } from 'yaml';
import {
  Assessment,
  OrchestrationOptions,
  assessEntity,
  parseIsoInstant,
  readOrchestrationConfig,
  validateEntityAnnotations,
} from '@orchestration/plugin-orchestration-common';
import { CatalogFacts } from './catalogFacts';
import { loadCatalog } from './catalogFiles';
import { CliError } from './errors';
import { renderAssessment } from './report';

/** Where the CLI writes; injectable so it can run in-process. */
export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The instant used when --now is not given. */
  now: () => Date;
}

const NAME = 'orchestration-advisor';

function readOptions(
  configPath: string | undefined,
  cwd: string,
): OrchestrationOptions {
  if (!configPath) {
    const result = readOrchestrationConfig(undefined);
    if (!result.ok) throw new CliError(result.errors.join('; '));
    return result.options;
  }
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, configPath), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      `cannot read ${configPath}: ${
        code === 'ENOENT' ? 'no such file' : (error as Error).message
      }`,
    );
  }
  let config: unknown;
  try {
    config = parseYaml(text);
  } catch (error) {
    const line = (error as { linePos?: Array<{ line: number }> }).linePos?.[0]
      ?.line;
    const message = ((error as Error).message ?? '')
      .split('\n')[0]
      .replace(/ at line \d+, column \d+:?$/, '');
    throw new CliError(
      `invalid YAML in ${configPath}${line ? `:${line}` : ''}: ${message}`,
    );
  }
  const section =
    config && typeof config === 'object'
      ? (config as Record<string, unknown>).orchestration
      : undefined;
  const result = readOrchestrationConfig(section);
  if (!result.ok) {
    throw new CliError(
      `invalid configuration in ${configPath}: ${result.errors.join('; ')}`,
    );
  }
  return result.options;
}

function resolveNow(value: string | undefined, io: CliIo): string {
  if (value === undefined) return io.now().toISOString();
  const parsed = parseIsoInstant(value);
  if (!parsed.ok) {
    throw new CliError(
      `invalid --now value "${value}": expected an ISO-8601 date or timestamp, e.g. 2026-11-28T00:00:00Z`,
    );
  }
  return new Date(parsed.value.epochMs).toISOString();
}

function runAssess(
  paths: string[],
  flags: { json?: boolean; now?: string; config?: string },
  io: CliIo,
): number {
  const options = readOptions(flags.config, io.cwd);
  const now = resolveNow(flags.now, io);
  const entities = loadCatalog(paths, io.cwd);
  const facts = new CatalogFacts(entities);
  const components = entities.filter(
    e => e.entity.kind.toLowerCase() === 'component',
  );
  const assessments: Array<{ assessment: Assessment; location: string }> =
    components.map(loaded => ({
      assessment: assessEntity(facts.inputFor(loaded.entity, options, now)),
      location: `${loaded.file}:${loaded.line}`,
    }));
  if (flags.json) {
    io.stdout(
      `${JSON.stringify(
        assessments.map(a => a.assessment),
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  if (assessments.length === 0) {
    io.stdout('No Component found in the files given.\n');
    return 0;
  }
  io.stdout(
    `${assessments
      .map(a => renderAssessment(a.assessment, a.location))
      .join('\n\n')}\n`,
  );
  return 0;
}

function runLint(paths: string[], io: CliIo): number {
  const entities = loadCatalog(paths, io.cwd);
  let errors = 0;
  let warnings = 0;
  const lines: string[] = [];
  for (const loaded of entities) {
    for (const problem of validateEntityAnnotations(loaded.entity)) {
      if (problem.severity === 'error') errors++;
      if (problem.severity === 'warning') warnings++;
      lines.push(
        `${loaded.file}:${loaded.lineOfAnnotation(problem.key)}: ${
          problem.severity
        }: ${problem.message}`,
      );
    }
  }
  if (lines.length > 0) io.stdout(`${lines.join('\n')}\n`);
  io.stdout(
    `${entities.length} entit${
      entities.length === 1 ? 'y' : 'ies'
    } checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${
      warnings === 1 ? '' : 's'
    }\n`,
  );
  return errors > 0 ? 1 : 0;
}

/**
 * Runs the CLI with the given arguments (without `node` and the script) and
 * returns the exit code: 0 success, 1 lint errors, 2 usage or input errors.
 */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = new Command()
    .name(NAME)
    .description(
      'Assess catalog-info.yaml Components for ECS or Kubernetes, and lint their orchestration.io annotations.',
    )
    .exitOverride()
    .configureOutput({
      writeOut: text => io.stdout(text),
      writeErr: text => io.stderr(text),
      outputError: () => {},
    });
  program
    .command('assess')
    .description('Assess every Component in the given catalog files or folders')
    .argument(
      '<paths...>',
      'catalog-info YAML files or folders (walked for *.yaml, *.yml)',
    )
    .option('--json', 'print one JSON array of assessments')
    .option(
      '--now <iso-8601>',
      'assess at this instant instead of the current time',
    )
    .option(
      '--config <app-config.yaml>',
      'read thresholds, weights and knowledge overrides from its orchestration section',
    )
    .action(
      (
        paths: string[],
        flags: { json?: boolean; now?: string; config?: string },
      ) => {
        exitCode = runAssess(paths, flags, io);
      },
    );
  program
    .command('lint')
    .description(
      'Report each annotation problem as file:line: severity: message',
    )
    .argument('<paths...>', 'catalog-info YAML files or folders')
    .action((paths: string[]) => {
      exitCode = runLint(paths, io);
    });

  try {
    if (args.length === 0) {
      io.stderr(`${NAME}: missing command; run ${NAME} --help\n`);
      return 2;
    }
    await program.parseAsync(args, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version'
      )
        return 0;
      io.stderr(`${NAME}: ${error.message.replace(/^error: /, '')}\n`);
      return 2;
    }
    if (error instanceof CliError) {
      io.stderr(`${NAME}: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
