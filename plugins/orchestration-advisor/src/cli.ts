import path from 'node:path';
import { Command, CommanderError } from 'commander';
import {
  Assessment,
  OrchestrationOptions,
  assessEntity,
  parseIsoInstant,
  readOrchestrationConfig,
  validateEntityAnnotations,
} from '@orchestration/plugin-orchestration-common';
import { CatalogFacts } from './catalogFacts';
import {
  DEFAULT_TIMEOUT_SECONDS,
  SendFlags,
  runCollect,
  runReport,
} from './clusterFacts/commands';
import { LoadedEntity, formatProblem, loadCatalog } from './catalogFiles';
import { CliError, InputFilesError } from './errors';
import {
  capProblemsPerKey,
  hiddenProblemsMessage,
  renderAssessment,
} from './report';
import { clipMessage, plural } from './text';
import {
  FileContentError,
  documentValue,
  parseYamlDocuments,
  readTextFile,
} from './yamlInput';

/** Where the CLI writes; injectable so it can run in-process. */
export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The instant used when --now is not given, and the time of reports. */
  now: () => Date;
  /** Environment variables (KUBECONFIG, ORCHESTRATION_TOKEN, ...); default none. */
  env?: Readonly<Record<string, string | undefined>>;
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
  let config: unknown;
  try {
    const { text } = readTextFile(path.resolve(cwd, configPath), configPath);
    const { documents, lineCounter } = parseYamlDocuments(text, 1);
    config = documents[0] ? documentValue(documents[0], lineCounter) : null;
  } catch (error) {
    if (!(error instanceof FileContentError)) throw error;
    throw new InputFilesError([
      { file: configPath, line: error.line, message: error.message },
    ]);
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

function isComponent(loaded: LoadedEntity): boolean {
  return String(loaded.entity.kind).toLocaleLowerCase('en-US') === 'component';
}

function runAssess(
  paths: string[],
  flags: { json?: boolean; now?: string; config?: string },
  io: CliIo,
): number {
  const options = readOptions(flags.config, io.cwd);
  const now = resolveNow(flags.now, io);
  const catalog = loadCatalog(paths, io.cwd);
  // Problems in the files go to stderr, so that stdout stays the report or the JSON.
  let invalid = 0;
  for (const { problem } of catalog.items) {
    if (!problem) continue;
    if (problem.severity === 'error') invalid++;
    io.stderr(`${formatProblem(problem)}\n`);
  }
  const facts = new CatalogFacts(catalog.entities);
  const components = catalog.entities.filter(
    loaded => isComponent(loaded) && !loaded.duplicateOf,
  );
  const assessments: Array<{ assessment: Assessment; location: string }> =
    components.map(loaded => ({
      assessment: assessEntity(facts.inputFor(loaded.entity, options, now)),
      location: `${loaded.file}:${loaded.line}`,
    }));
  const exitCode = invalid > 0 ? 1 : 0;
  if (flags.json) {
    io.stdout(
      `${JSON.stringify(
        assessments.map(a => a.assessment),
        null,
        2,
      )}\n`,
    );
    return exitCode;
  }
  if (assessments.length === 0) {
    io.stdout(
      `No Component found in the files given (${plural(
        catalog.entityDocuments,
        'entity',
        'entities',
      )} read).\n`,
    );
    return exitCode;
  }
  io.stdout(
    `${assessments
      .map(a => renderAssessment(a.assessment, a.location))
      .join('\n\n')}\n`,
  );
  return exitCode;
}

function runLint(
  paths: string[],
  flags: { config?: string },
  io: CliIo,
): number {
  const options = readOptions(flags.config, io.cwd);
  // Fargate's limits come from the knowledge base, overrides included.
  const fargate = options.knowledgeBase.fargate.ecs;
  const fargateLimits = {
    maxVcpu: fargate.maxVcpu,
    maxMemoryGi: fargate.maxMemoryGi,
    maxEphemeralStorageGi: fargate.maxEphemeralStorageGi,
  };
  const catalog = loadCatalog(paths, io.cwd);
  let errors = 0;
  let warnings = 0;
  const lines: string[] = [];
  const count = (severity: string) => {
    if (severity === 'error') errors++;
    if (severity === 'warning') warnings++;
  };
  for (const item of catalog.items) {
    if (item.problem) {
      count(item.problem.severity);
      lines.push(formatProblem(item.problem));
      continue;
    }
    const loaded = item.entity;
    const problems = validateEntityAnnotations(loaded.entity, fargateLimits);
    problems.forEach(problem => count(problem.severity));
    const { shown, hidden } = capProblemsPerKey(problems);
    for (const problem of shown) {
      lines.push(
        `${loaded.file}:${loaded.lineOfAnnotation(problem.key)}: ${
          problem.severity
        }: ${clipMessage(problem.message, problem.value)}`,
      );
    }
    for (const [key, hiddenCount] of hidden) {
      lines.push(
        `${loaded.file}:${loaded.lineOfAnnotation(
          key,
        )}: info: ${hiddenProblemsMessage(key, hiddenCount)}`,
      );
    }
  }
  if (lines.length > 0) io.stdout(`${lines.join('\n')}\n`);
  io.stdout(
    `${plural(catalog.entityDocuments, 'entity', 'entities')} checked: ${plural(
      errors,
      'error',
      'errors',
    )}, ${plural(warnings, 'warning', 'warnings')}\n`,
  );
  return errors > 0 ? 1 : 0;
}

/**
 * Runs the CLI with the given arguments (without `node` and the script) and
 * returns the exit code: 0 success; 1 when lint finds an error, or assess
 * meets an entity it cannot read; 2 for usage errors and input files (or a
 * kubeconfig) that cannot be read; for `collect` and `report`, 3 when the
 * API server or Backstage cannot be reached, 4 when it refuses the request,
 * 5 when it fails. Each error is one line, never a stack trace.
 */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = new Command()
    .name(NAME)
    .description(
      'Assess catalog-info.yaml Components for ECS or Kubernetes, lint their orchestration.io annotations, and collect or report the facts of a cluster.',
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
    .option(
      '--config <app-config.yaml>',
      'read knowledge overrides (e.g. Fargate limits) from its orchestration section',
    )
    .action((paths: string[], flags: { config?: string }) => {
      exitCode = runLint(paths, flags, io);
    });

  const clusterIo = {
    cwd: io.cwd,
    stdout: io.stdout,
    now: io.now,
    env: io.env ?? {},
  };
  const sendOptions = (command: Command, source: string) =>
    command
      .option(
        '--token <token>',
        'static token for --report (default: the ORCHESTRATION_TOKEN environment variable)',
      )
      .option(
        '--source <name>',
        `name the facts are reported under (default: ${source})`,
      )
      .option(
        '--timeout <seconds>',
        `time limit for the cluster and for Backstage, each (default: ${DEFAULT_TIMEOUT_SECONDS})`,
      )
      .option('--json', 'print the result as JSON');
  sendOptions(
    program
      .command('collect')
      .description(
        'Observe a cluster through its API server (version, oldest kubelet, pod IP use, serving certificate expiry) and print or report the facts',
      )
      .requiredOption(
        '--cluster <ref>',
        "the cluster's catalog Resource, e.g. prod or resource:default/prod",
      )
      .option(
        '--kubeconfig <file>',
        "kubeconfig to use (default: $KUBECONFIG, ~/.kube/config, or the pod's service account)",
      )
      .option(
        '--context <name>',
        'kubeconfig context (default: the current one)',
      )
      .option(
        '--report <url>',
        'send the facts to this Backstage backend (its base URL)',
      ),
    'orchestration-advisor-collect',
  ).action(
    async (flags: SendFlags & { kubeconfig?: string; context?: string }) => {
      exitCode = await runCollect(flags, clusterIo);
    },
  );
  sendOptions(
    program
      .command('report')
      .description(
        'Report facts about a cluster to Backstage, e.g. etcd-last-backup=now after an etcd snapshot',
      )
      .argument(
        '<facts...>',
        'key=value, keys as in catalog-info.yaml with or without orchestration.io/; now is the current time for etcd-last-backup and last-upgrade',
      )
      .requiredOption(
        '--cluster <ref>',
        "the cluster's catalog Resource, e.g. prod or resource:default/prod",
      )
      .requiredOption(
        '--report <url>',
        'the Backstage backend to report to (its base URL)',
      ),
    'orchestration-advisor-report',
  ).action(async (facts: string[], flags: SendFlags) => {
    exitCode = await runReport(facts, flags, clusterIo);
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
    if (error instanceof InputFilesError) {
      io.stderr(`${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof CliError) {
      io.stderr(`${NAME}: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
