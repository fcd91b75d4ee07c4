// Tests of the adoption test's own tools: how the README's steps are read and applied, and how
// Orchestration is taken out of the host app. Run with `node --test scripts/adoption/*.test.mjs`
// (the adoption stage runs them first).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyPatch, fencedBlocks, steps } from './readme.mjs';
import { stripLockfile, stripManifest, stripSource } from './make-host.mjs';

describe('README steps', () => {
  const readme = [
    '1. Backend:',
    '',
    '   <!-- adoption-test: run -->',
    '   ```sh',
    '   yarn --cwd packages/backend add @orchestration/plugin-orchestration-backend',
    '   ```',
    '',
    '   <!-- adoption-test: patch packages/backend/src/index.ts -->',
    '',
    '   ```diff',
    "   +backend.add(import('@orchestration/plugin-orchestration-backend'));",
    '    backend.start();',
    '   ```',
    '',
    '```ts',
    '// not marked: shown, not run',
    '```',
    '',
    '<!-- adoption-test: write catalog-info.yaml -->',
    'Text between the marker and the block unmarks it.',
    '```yaml',
    'kind: Component',
    '```',
  ].join('\n');

  it('reads the marked blocks, in order, without the list indentation', () => {
    assert.deepEqual(
      steps(readme).map(({ action, target, lang, content }) => ({
        action,
        target,
        lang,
        content,
      })),
      [
        {
          action: 'run',
          target: '',
          lang: 'sh',
          content:
            'yarn --cwd packages/backend add @orchestration/plugin-orchestration-backend',
        },
        {
          action: 'patch',
          target: 'packages/backend/src/index.ts',
          lang: 'diff',
          content:
            "+backend.add(import('@orchestration/plugin-orchestration-backend'));\n backend.start();",
        },
      ],
    );
    assert.equal(fencedBlocks(readme).length, 4);
  });

  for (const [what, markdown, message] of [
    [
      'an unknown action',
      '<!-- adoption-test: exec -->\n```sh\nls\n```',
      /unknown adoption-test marker "exec"/,
    ],
    [
      'a patch without a file',
      '<!-- adoption-test: patch -->\n```diff\n+x\n```',
      /unknown adoption-test marker "patch"/,
    ],
    [
      'a run step that is not sh',
      '<!-- adoption-test: run -->\n```ts\nx()\n```',
      /needs a sh block, not "ts"/,
    ],
    [
      'a patch that is not a diff',
      '<!-- adoption-test: patch a.ts -->\n```ts\nx()\n```',
      /needs a diff block/,
    ],
  ]) {
    it(`refuses ${what}`, () => {
      assert.throws(() => steps(markdown), message);
    });
  }
});

describe('applyPatch', () => {
  const index = [
    "backend.add(import('@backstage/plugin-permission-backend'));",
    '// See the docs for how to create your own permission policy',
    'backend.add(',
    "  import('@backstage/plugin-permission-backend-module-allow-all-policy'),",
    ');',
    '',
    'backend.start();',
    '',
  ].join('\n');

  const cases = [
    {
      what: 'inserts before a context line',
      diff: "+backend.add(import('x'));\n backend.start();",
      expected: index.replace(
        'backend.start();',
        "backend.add(import('x'));\nbackend.start();",
      ),
    },
    {
      what: 'replaces lines, context matched without its indentation',
      diff: [
        " backend.add(import('@backstage/plugin-permission-backend'));",
        '-// See the docs for how to create your own permission policy',
        '-backend.add(',
        "-import('@backstage/plugin-permission-backend-module-allow-all-policy'),",
        '-);',
        "+backend.add(import('y'));",
      ].join('\n'),
      expected: [
        "backend.add(import('@backstage/plugin-permission-backend'));",
        "backend.add(import('y'));",
        '',
        'backend.start();',
        '',
      ].join('\n'),
    },
    {
      what: 'fails when the context is missing',
      diff: '+a\n backend.stop();',
      error: /no place in the file matches/,
    },
    {
      what: 'fails when the context is ambiguous',
      text: `${index}${index}`,
      diff: '+a\n backend.start();',
      error: /several places/,
    },
    {
      what: 'fails on a line that is not a diff line',
      diff: '+a\nbackend.start();',
      error: /not a diff line/,
    },
  ];
  for (const { what, text = index, diff, expected, error } of cases) {
    it(what, () => {
      if (error) assert.throws(() => applyPatch(text, diff), error);
      else assert.equal(applyPatch(text, diff), expected);
    });
  }
});

describe('the host app without Orchestration', () => {
  const cases = [
    {
      what: 'a multi-line backend.add with the comment above it',
      file: 'index.ts',
      source: [
        "import { createBackend } from '@backstage/backend-defaults';",
        "import { orchestrationPolicy } from './modules/policy';",
        '',
        'const backend = createBackend();',
        "backend.add(import('@backstage/plugin-catalog-backend'));",
        '// Orchestration: ECS or Kubernetes',
        'backend.add(',
        "  import('@orchestration/plugin-orchestration-backend-module-permission-policy'),",
        ');',
        'backend.add(orchestrationPolicy);',
        'backend.start();',
        '',
      ].join('\n'),
      expected: [
        "import { createBackend } from '@backstage/backend-defaults';",
        '',
        'const backend = createBackend();',
        "backend.add(import('@backstage/plugin-catalog-backend'));",
        'backend.start();',
        '',
      ].join('\n'),
    },
    {
      what: 'a JSX child and one imported name among others',
      file: 'Sidebar.tsx',
      source: [
        "import { a, orchestrationIcon } from 'x';",
        'export const S = () => (',
        '  <Group>',
        "    {nav.take('page:catalog')}",
        "    {nav.take('page:orchestration')}",
        '  </Group>',
        ');',
        '',
      ].join('\n'),
      expected: [
        "import { a, } from 'x';",
        'export const S = () => (',
        '  <Group>',
        "    {nav.take('page:catalog')}",
        '    ',
        '  </Group>',
        ');',
        '',
      ].join('\n'),
    },
    {
      what: 'array elements and object properties',
      file: 'App.tsx',
      source:
        'const app = createApp({ features: [catalogPlugin, orchestrationPlugin], orchestration: {} });\n',
      expected: 'const app = createApp({ features: [catalogPlugin,], });\n',
    },
  ];
  for (const { what, file, source, expected } of cases) {
    it(`strips ${what}`, () => {
      assert.equal(stripSource(file, source), expected);
    });
  }

  it('strips package.json fields, dependencies and scripts that name it', () => {
    assert.deepEqual(
      stripManifest({
        name: 'orchestration',
        repository: { url: 'https://example.com/orchestration' },
        scripts: {
          start: 'backstage-cli repo start',
          advisor: 'node plugins/orchestration-advisor/bin',
        },
        dependencies: {
          '@backstage/core': '^1.0.0',
          '@orchestration/plugin-orchestration': 'workspace:^',
        },
      }),
      {
        scripts: { start: 'backstage-cli repo start' },
        dependencies: { '@backstage/core': '^1.0.0' },
      },
    );
  });

  it('strips the lock file entries of the left-out workspaces and the lines naming them', () => {
    const lock = [
      '__metadata:',
      '  version: 8',
      '',
      '"@orchestration/plugin-orchestration@workspace:^":',
      '  version: 0.0.0-use.local',
      '',
      '"app@workspace:packages/app":',
      '  dependencies:',
      '    "@backstage/cli": "npm:^0.36.8"',
      '    "@orchestration/plugin-orchestration": "workspace:^"',
      '',
    ].join('\n');
    assert.equal(
      stripLockfile(lock),
      [
        '__metadata:',
        '  version: 8',
        '',
        '"app@workspace:packages/app":',
        '  dependencies:',
        '    "@backstage/cli": "npm:^0.36.8"',
        '',
      ].join('\n'),
    );
  });
});
