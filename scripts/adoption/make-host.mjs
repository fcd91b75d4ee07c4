#!/usr/bin/env node
// Makes the host app of the adoption test: this repository's Backstage app (packages/app,
// packages/backend and the root files a new app has) with every trace of Orchestration removed, as
// if the plugins had never been installed. Then checks that no file of it mentions Orchestration.
//
//   node scripts/adoption/make-host.mjs --out DIR
//
// Removed: dependencies named *orchestration*; in the sources, the smallest statement, import,
// JSX child, array element or object property that mentions it (so a multi-line
// `backend.add(import('@orchestration/...'))` goes whole); source files that only Orchestration
// code imports; tests (they test this repository's app); the lock file's entries of the
// workspaces left out. The repository's backend replaced the allow-all permission policy of a new
// app with Orchestration's: the host gets the allow-all policy back, as `@backstage/create-app`
// writes it. The app-config.yaml is a minimal one of a new app; its catalog reads
// examples/org.yaml (guest sign-in, a platform team, the owner of the README's example) and the
// catalog-info.yaml the README's steps write.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const ts = createRequire(path.join(repo, 'package.json'))('typescript');
const MENTION = /orchestration/i;

// The permission policy module of a new app (`@backstage/create-app` of the release in
// backstage.json writes these lines and this range).
const ALLOW_ALL_POLICY =
  '@backstage/plugin-permission-backend-module-allow-all-policy';
const ALLOW_ALL_POLICY_RANGE = '^0.2.25';

const SKIPPED = new Set([
  'node_modules',
  'dist',
  'dist-types',
  'e2e-tests',
  '.eslintcache',
]);
const isTest = name => /\.test\.[cm]?[jt]sx?$/.test(name);
const isSource = name =>
  /\.[cm]?[jt]sx?$/.test(name) && !name.endsWith('.d.ts');

function copyTree(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name) || isTest(entry.name)) continue;
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copyTree(source, target);
    else if (entry.isFile()) fs.copyFileSync(source, target);
  }
}

function listFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(file);
    return entry.isFile() ? [file] : [];
  });
}

const readJson = file => JSON.parse(fs.readFileSync(file, 'utf8'));
const writeJson = (file, value) =>
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

function withoutMentions(record) {
  return Object.fromEntries(
    Object.entries(record).filter(
      ([key, value]) => !MENTION.test(key) && !MENTION.test(String(value)),
    ),
  );
}

const MAPS = [
  'scripts',
  'dependencies',
  'devDependencies',
  'peerDependencies',
  'optionalDependencies',
  'resolutions',
];

/** A package.json without the entries of maps and the other fields that mention Orchestration. */
export function stripManifest(manifest) {
  return Object.fromEntries(
    Object.entries(manifest).flatMap(([key, value]) => {
      if (MAPS.includes(key)) return [[key, withoutMentions(value)]];
      return MENTION.test(JSON.stringify(value)) ? [] : [[key, value]];
    }),
  );
}

// --- source files ------------------------------------------------------------------------------

export function parse(file, text) {
  const kind = file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
}

/** A node that can go without leaving its parent broken. */
function isRemovable(node) {
  const parent = node.parent;
  if (!parent) return false;
  if (
    ts.isSourceFile(parent) ||
    ts.isBlock(parent) ||
    ts.isModuleBlock(parent)
  ) {
    return ts.isStatement(node) || ts.isImportDeclaration(node);
  }
  if (ts.isJsxElement(parent) || ts.isJsxFragment(parent)) {
    return parent.children.includes(node);
  }
  if (ts.isArrayLiteralExpression(parent))
    return parent.elements.includes(node);
  if (ts.isObjectLiteralExpression(parent))
    return parent.properties.includes(node);
  if (ts.isNamedImports(parent)) return parent.elements.includes(node);
  return false;
}

/** An import whose module or every imported name mentions Orchestration goes whole. */
function isWholeImport(node, sourceFile) {
  if (!ts.isImportDeclaration(node)) return false;
  const bindings = node.importClause?.namedBindings;
  const names =
    bindings && ts.isNamedImports(bindings) ? bindings.elements : [];
  return (
    MENTION.test(node.moduleSpecifier.getText(sourceFile)) ||
    names.every(name => MENTION.test(name.getText(sourceFile)))
  );
}

/**
 * Text ranges of the smallest removable nodes whose code mentions Orchestration, each with its
 * leading comments (a comment about a removed line goes too).
 */
export function mentionRanges(sourceFile) {
  const ranges = [];
  const remove = node => {
    let end = node.getEnd();
    // An element of a list takes its comma along.
    if (sourceFile.text[end] === ',') end += 1;
    ranges.push([node.getFullStart(), end]);
  };
  const visit = node => {
    if (!MENTION.test(node.getText(sourceFile))) return false;
    if (isWholeImport(node, sourceFile)) {
      remove(node);
      return true;
    }
    let inner = false;
    node.forEachChild(child => {
      if (visit(child)) inner = true;
    });
    if (inner) return true;
    if (isRemovable(node)) {
      remove(node);
      return true;
    }
    return false;
  };
  visit(sourceFile);
  return ranges;
}

export function strip(text, ranges) {
  let result = text;
  for (const [start, end] of [...ranges].sort((a, b) => b[0] - a[0])) {
    result = result.slice(0, start) + result.slice(end);
  }
  // Comment lines about Orchestration left above code that stays.
  return result
    .split('\n')
    .filter(line => !(/^\s*(\/\/|\*|\/\*)/.test(line) && MENTION.test(line)))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}

function resolveImport(fromFile, specifier, files) {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(fromFile), specifier);
  const candidates = ['', '.ts', '.tsx', '.js', '/index.ts', '/index.tsx'].map(
    suffix => base + suffix,
  );
  return candidates.find(candidate => files.includes(candidate));
}

function stripSources(srcDir, entryPoints) {
  const files = listFiles(srcDir).filter(file => isSource(file));
  const texts = new Map(
    files.map(file => [file, fs.readFileSync(file, 'utf8')]),
  );
  const importers = new Map(files.map(file => [file, []]));
  for (const file of files) {
    const sourceFile = parse(file, texts.get(file));
    for (const statement of sourceFile.statements) {
      if (
        (ts.isImportDeclaration(statement) ||
          ts.isExportDeclaration(statement)) &&
        statement.moduleSpecifier &&
        ts.isStringLiteral(statement.moduleSpecifier)
      ) {
        const target = resolveImport(
          file,
          statement.moduleSpecifier.text,
          files,
        );
        if (target) {
          importers
            .get(target)
            .push(MENTION.test(statement.getText(sourceFile)));
        }
      }
    }
  }
  for (const file of files) {
    const text = texts.get(file);
    if (!MENTION.test(text)) continue;
    const imports = importers.get(file);
    if (!entryPoints.includes(file) && imports.every(mentions => mentions)) {
      // Only Orchestration code uses it (or nothing does): it is Orchestration's.
      fs.rmSync(file);
      continue;
    }
    fs.writeFileSync(file, stripSource(file, text));
  }
}

/** Gives a backend left without a permission policy the allow-all policy of a new app. */
function restorePermissionPolicy(backendDir) {
  const index = path.join(backendDir, 'src/index.ts');
  const text = fs.readFileSync(index, 'utf8');
  const permissionBackend =
    "backend.add(import('@backstage/plugin-permission-backend'));\n";
  if (
    !text.includes(permissionBackend) ||
    /policy/i.test(text.replace(/\/\/.*$/gm, ''))
  ) {
    return;
  }
  fs.writeFileSync(
    index,
    text.replace(
      permissionBackend,
      `${permissionBackend}// See https://backstage.io/docs/permissions/getting-started for how to create your own permission policy\nbackend.add(\n  import('${ALLOW_ALL_POLICY}'),\n);\n`,
    ),
  );
  const manifestFile = path.join(backendDir, 'package.json');
  const manifest = readJson(manifestFile);
  manifest.dependencies[ALLOW_ALL_POLICY] = ALLOW_ALL_POLICY_RANGE;
  manifest.dependencies = Object.fromEntries(
    Object.entries(manifest.dependencies).sort(([a], [b]) =>
      a.localeCompare(b),
    ),
  );
  writeJson(manifestFile, manifest);
}

// --- the lock file -----------------------------------------------------------------------------

/** The lock file without the entries and dependency lines of left-out packages. */
export function stripLockfile(text) {
  return text
    .split(/\n(?=\S)/)
    .filter(entry => !MENTION.test(entry.split('\n')[0]))
    .map(entry =>
      entry
        .split('\n')
        .filter(line => !MENTION.test(line))
        .join('\n'),
    )
    .join('\n');
}

// The organisation of the host's catalog: guest sign-in is a member of the platform team, and
// web-content owns the README's example service.
const ORG = `apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: guest
spec:
  memberOf: [platform]
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: platform
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: web-content
spec:
  type: team
  children: []
`;

// --- the host ----------------------------------------------------------------------------------

const MINIMAL_APP_CONFIG = `app:
  title: Backstage
  baseUrl: http://localhost:3000
  # Discovers the frontend plugins among packages/app's dependencies
  packages: all

organization:
  name: My Company

backend:
  baseUrl: http://localhost:7007
  listen:
    port: 7007
  cors:
    origin: http://localhost:3000
    methods: [GET, HEAD, PATCH, POST, PUT, DELETE]
    credentials: true
  database:
    client: better-sqlite3
    connection: ':memory:'

auth:
  providers:
    guest:
      userEntityRef: user:default/guest

catalog:
  rules:
    - allow: [Component, System, API, Resource, Location]
  locations:
    - type: file
      target: ../../catalog-info.yaml
    - type: file
      target: ../../examples/org.yaml
      rules:
        - allow: [User, Group]

permission:
  enabled: true
`;

/** A source text without what mentions Orchestration. */
export function stripSource(file, text) {
  return strip(text, mentionRanges(parse(file, text)));
}

function makeHost(out) {
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });

  const rootManifest = {
    name: 'root',
    ...stripManifest(readJson(path.join(repo, 'package.json'))),
  };
  // This repository's API report tooling is no part of a new app.
  delete rootManifest.devDependencies['@backstage/repo-tools'];
  rootManifest.workspaces = ['packages/*'];
  writeJson(path.join(out, 'package.json'), rootManifest);

  for (const file of ['.yarnrc.yml', 'backstage.json', 'tsconfig.json']) {
    fs.copyFileSync(path.join(repo, file), path.join(out, file));
  }
  const yarnRelease = /^yarnPath:\s*(\S+)/m.exec(
    fs.readFileSync(path.join(repo, '.yarnrc.yml'), 'utf8'),
  )[1];
  fs.mkdirSync(path.dirname(path.join(out, yarnRelease)), { recursive: true });
  fs.copyFileSync(path.join(repo, yarnRelease), path.join(out, yarnRelease));
  fs.writeFileSync(
    path.join(out, 'yarn.lock'),
    stripLockfile(fs.readFileSync(path.join(repo, 'yarn.lock'), 'utf8')),
  );
  fs.writeFileSync(path.join(out, 'app-config.yaml'), MINIMAL_APP_CONFIG);
  fs.mkdirSync(path.join(out, 'examples'));
  fs.writeFileSync(path.join(out, 'examples/org.yaml'), ORG);

  for (const name of ['app', 'backend']) {
    const from = path.join(repo, 'packages', name);
    const to = path.join(out, 'packages', name);
    copyTree(from, to);
    fs.rmSync(path.join(to, 'README.md'), { force: true });
    const manifestFile = path.join(to, 'package.json');
    writeJson(manifestFile, stripManifest(readJson(manifestFile)));
    const src = path.join(to, 'src');
    stripSources(
      src,
      ['index.ts', 'index.tsx', 'App.tsx'].map(file => path.join(src, file)),
    );
  }
  restorePermissionPolicy(path.join(out, 'packages/backend'));

  const mentions = listFiles(out).filter(file =>
    MENTION.test(fs.readFileSync(file, 'latin1')),
  );
  if (mentions.length) {
    process.stderr.write(
      `the host app still mentions Orchestration in:\n${mentions
        .map(file => `  ${path.relative(out, file)}`)
        .join('\n')}\n`,
    );
    process.exit(1);
  }
  process.stdout.write(`host app in ${out}: no file mentions Orchestration\n`);
}

const isMain =
  process.argv[1] &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { values: args } = parseArgs({ options: { out: { type: 'string' } } });
  if (!args.out) {
    process.stderr.write('usage: make-host.mjs --out DIR\n');
    process.exit(2);
  }
  makeHost(path.resolve(args.out));
}
