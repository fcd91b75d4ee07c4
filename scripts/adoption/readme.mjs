#!/usr/bin/env node
// The install steps of the README, as the adoption test runs them. A step is a fenced block right
// after a marker comment `<!-- adoption-test: ACTION -->`:
//
//   run           a ```sh block: its commands run with bash (-euo pipefail) in the host's root
//   patch FILE    a ```diff block: lines with " " must be in FILE (indentation aside) with the "-"
//                 lines among them, in that order; they become the " " and "+" lines
//   write FILE    any block: written to FILE as it is
//
//   node scripts/adoption/readme.mjs list    [--readme README.md]
//   node scripts/adoption/readme.mjs apply   --host DIR --results DIR [--readme README.md]
//   node scripts/adoption/readme.mjs compare --results DIR [--readme README.md]
//
// `apply` runs the steps of the README in order in the host app, one check each (a line of
// <results>/checks.tsv; each step's output in <results>/readme-step-N.log), and stops at the first
// that fails. `compare` checks the package table of "Add Orchestration to your Backstage" against
// the published packages under plugins/, and that each package's README repeats, word for word,
// the steps that name it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const SECTION = 'Add Orchestration to your Backstage';
const MARKER = /^\s*<!--\s*adoption-test:\s*(.+?)\s*-->\s*$/;
const FENCE = /^(\s*)(`{3,})(\S*)\s*$/;

/** Every fenced block of a Markdown text, with the marker before it if any. */
export function fencedBlocks(markdown) {
  const lines = markdown.split('\n');
  const blocks = [];
  let marker;
  for (let i = 0; i < lines.length; i++) {
    const markerMatch = MARKER.exec(lines[i]);
    if (markerMatch) {
      marker = { action: markerMatch[1], line: i + 1 };
      continue;
    }
    const open = FENCE.exec(lines[i]);
    if (!open) {
      if (lines[i].trim() !== '') marker = undefined;
      continue;
    }
    const [, indent, ticks, lang] = open;
    const content = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      if (lines[j].trim() === ticks) break;
      content.push(
        lines[j].startsWith(indent)
          ? lines[j].slice(indent.length)
          : lines[j].trimStart(),
      );
    }
    blocks.push({ lang, content: content.join('\n'), line: i + 1, marker });
    marker = undefined;
    i = j;
  }
  return blocks;
}

/** The marked blocks of the README: its install steps, in order. */
export function steps(markdown) {
  return fencedBlocks(markdown)
    .filter(block => block.marker)
    .map(block => {
      const [action, ...rest] = block.marker.action.split(/\s+/);
      const target = rest.join(' ');
      if (
        !['run', 'patch', 'write'].includes(action) ||
        (action !== 'run' && !target)
      ) {
        throw new Error(
          `line ${block.marker.line}: unknown adoption-test marker "${block.marker.action}" (use run, patch FILE or write FILE)`,
        );
      }
      if (action === 'run' && block.lang !== 'sh') {
        throw new Error(
          `line ${block.line}: a "run" step needs a sh block, not "${block.lang}"`,
        );
      }
      if (action === 'patch' && block.lang !== 'diff') {
        throw new Error(
          `line ${block.line}: a "patch" step needs a diff block, not "${block.lang}"`,
        );
      }
      return { ...block, action, target };
    });
}

/** Applies a diff block's one hunk to a text; context is matched without its indentation. */
export function applyPatch(text, diff) {
  const hunk = diff.split('\n').filter(line => line !== '');
  const bad = hunk.find(line => !/^[ +-]/.test(line));
  if (bad !== undefined) throw new Error(`not a diff line: "${bad}"`);
  const before = hunk
    .filter(line => !line.startsWith('+'))
    .map(line => line.slice(1));
  const after = hunk
    .filter(line => !line.startsWith('-'))
    .map(line => line.slice(1));
  const lines = text.split('\n');
  const same = (a, b) => a.trim() === b.trim();
  const starts = [];
  for (let i = 0; i + before.length <= lines.length; i++) {
    if (before.every((line, k) => same(lines[i + k], line))) starts.push(i);
  }
  if (starts.length !== 1) {
    throw new Error(
      `${starts.length ? 'several places' : 'no place'} in the file ${
        starts.length ? 'match' : 'matches'
      } these lines:\n${before.join('\n')}`,
    );
  }
  lines.splice(starts[0], before.length, ...after);
  return lines.join('\n');
}

function summary(step) {
  if (step.action === 'run') {
    const commands = step.content
      .split('\n')
      .map(line => line.trim())
      .filter(line => line && !line.startsWith('#'));
    return commands.join('; ');
  }
  return `${step.action} ${step.target}`;
}

function appendCheck(resultsDir, name, ok) {
  fs.appendFileSync(
    path.join(resultsDir, 'checks.tsv'),
    `${name.replace(/\s+/g, ' ')}\t${ok ? 1 : 0}\t${ok ? 0 : 1}\n`,
  );
}

function tail(text, count = 30) {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}

function apply(markdown, hostDir, resultsDir) {
  const all = steps(markdown);
  for (const [index, step] of all.entries()) {
    const number = index + 1;
    const name = `README step ${number}: ${summary(step)}`;
    const logFile = path.join(resultsDir, `readme-step-${number}.log`);
    const started = Date.now();
    let ok = true;
    let log = `${step.action} ${step.target} (README line ${step.line})\n${step.content}\n\n`;
    try {
      if (step.action === 'run') {
        const result = spawnSync(
          'bash',
          ['-euo', 'pipefail', '-c', step.content],
          {
            cwd: hostDir,
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'pipe'],
            maxBuffer: 64 * 1024 * 1024,
          },
        );
        log += `${result.stdout}${result.stderr}`;
        if (result.status !== 0) {
          throw new Error(`exited with ${result.status ?? result.signal}`);
        }
      } else {
        const file = path.resolve(hostDir, step.target);
        if (!file.startsWith(`${hostDir}${path.sep}`)) {
          throw new Error(`${step.target} is outside the app`);
        }
        if (step.action === 'write') {
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, `${step.content}\n`);
        } else {
          fs.writeFileSync(
            file,
            applyPatch(fs.readFileSync(file, 'utf8'), step.content),
          );
        }
      }
    } catch (error) {
      ok = false;
      log += `\nfailed: ${error.message}\n`;
    }
    fs.writeFileSync(logFile, log);
    appendCheck(resultsDir, name, ok);
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    process.stderr.write(
      `[adoption] ${ok ? 'ok' : 'FAILED'} (${seconds} s) ${name}\n`,
    );
    if (!ok) {
      process.stderr.write(`${tail(log)}\n`);
      return false;
    }
  }
  return true;
}

/** The section "Add Orchestration to your Backstage", up to the next heading of its level. */
function section(markdown) {
  const start = markdown.indexOf(`\n## ${SECTION}\n`);
  if (start < 0) throw new Error(`no section "## ${SECTION}" in the README`);
  const end = markdown.indexOf('\n## ', start + 4);
  return markdown.slice(start, end < 0 ? undefined : end);
}

function publishedPackages() {
  return fs
    .readdirSync(path.join(repo, 'plugins'))
    .map(dir => path.join(repo, 'plugins', dir))
    .filter(dir => fs.existsSync(path.join(dir, 'package.json')))
    .map(dir => ({
      dir,
      manifest: JSON.parse(
        fs.readFileSync(path.join(dir, 'package.json'), 'utf8'),
      ),
    }))
    .filter(({ manifest }) => !manifest.private);
}

function compare(markdown, resultsDir) {
  let ok = true;
  const check = (name, passed, details) => {
    appendCheck(resultsDir, name, passed);
    process.stderr.write(`[adoption] ${passed ? 'ok' : 'FAILED'} ${name}\n`);
    if (!passed) {
      process.stderr.write(`${details}\n`);
      ok = false;
    }
  };
  const packages = publishedPackages();
  const table = section(markdown);
  const unlisted = packages.filter(
    ({ manifest }) => !table.includes(`\`${manifest.name}\``),
  );
  check(
    'README lists every published package',
    unlisted.length === 0,
    `missing in "${SECTION}": ${unlisted
      .map(({ manifest }) => manifest.name)
      .join(', ')}`,
  );
  const all = steps(markdown);
  for (const { dir, manifest } of packages) {
    // The steps that name this package (and not merely a longer name that starts with it).
    const mentions = new RegExp(
      `${manifest.name.replace(/[/.-]/g, '\\$&')}(?![\\w-])`,
    );
    const own = all.filter(step => mentions.test(step.content));
    if (own.length === 0) continue;
    const readmeFile = path.join(dir, 'README.md');
    const packageBlocks = fs.existsSync(readmeFile)
      ? fencedBlocks(fs.readFileSync(readmeFile, 'utf8'))
      : [];
    const missing = own.filter(
      step =>
        !packageBlocks.some(
          block =>
            block.lang === step.lang &&
            block.content.trim() === step.content.trim(),
        ),
    );
    check(
      `${path.relative(repo, readmeFile)} repeats the README's steps for ${
        manifest.name
      }`,
      missing.length === 0,
      missing
        .map(
          step =>
            `not in ${path.relative(repo, readmeFile)} (README line ${
              step.line
            }):\n${step.content}`,
        )
        .join('\n'),
    );
  }
  return ok;
}

const isMain =
  process.argv[1] &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { values: args, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      readme: { type: 'string', default: path.join(repo, 'README.md') },
      host: { type: 'string' },
      results: { type: 'string' },
    },
  });
  const markdown = fs.readFileSync(args.readme, 'utf8');
  const command = positionals[0];
  if (command === 'list') {
    for (const [index, step] of steps(markdown).entries()) {
      process.stdout.write(
        `${index + 1}. ${step.action} ${step.target}\n${step.content}\n\n`,
      );
    }
  } else if (command === 'apply' && args.host && args.results) {
    process.exit(
      apply(markdown, path.resolve(args.host), args.results) ? 0 : 1,
    );
  } else if (command === 'compare' && args.results) {
    process.exit(compare(markdown, args.results) ? 0 : 1);
  } else {
    process.stderr.write(
      'usage: readme.mjs list | apply --host DIR --results DIR | compare --results DIR [--readme FILE]\n',
    );
    process.exit(2);
  }
}
