import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  Assessment,
  DEFAULT_ORCHESTRATION_OPTIONS,
  assessEntity,
  readOrchestrationConfig,
} from '@orchestration/plugin-orchestration-common';
import { CatalogFacts } from './catalogFacts';
import { loadCatalog } from './catalogFiles';
import { renderAssessment } from './report';

const BIN = path.resolve(__dirname, '../bin/orchestration-advisor');
const NOW = '2026-11-28T00:00:00Z';

function run(args: string[], cwd: string, timeout = 60_000) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const CATALOG = `# Services and teams
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: content-api
  annotations:
    orchestration.io/workload-type: api
    orchestration.io/portability: aws-only
    orchestration.io/aws-integrations: iam-task-role, alb, cloudwatch
    orchestration.io/resources: cpu=1,memory=2Gi
    orchestration.io/current-platform: ecs-fargate
spec:
  type: service
  lifecycle: production
  owner: web-content
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: web-content
spec:
  type: team
  children: []
  members: [alice]
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: bob
spec:
  memberOf: [web-content]
`;

const KOPS = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: legacy-web
  annotations:
    orchestration.io/workload-type: web-service
    orchestration.io/portability: aws-only
    orchestration.io/resources: cpu=1,memory=2Gi
    orchestration.io/current-platform: self-managed-kubernetes
    orchestration.io/cluster: prod-kops
spec:
  type: service
  lifecycle: production
  owner: group:default/storefront
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: platform
  annotations:
    orchestration.io/platform-team: "true"
spec:
  type: team
  children: []
  members: [carol, dan]
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: prod-kops
  annotations:
    orchestration.io/control-plane: self-managed
    orchestration.io/provisioner: kops
    orchestration.io/kubernetes-version: "1.30.6"
    orchestration.io/oldest-node-version: "1.28"
    orchestration.io/etcd-members: "3"
    orchestration.io/etcd-backup-interval: 15m
    orchestration.io/etcd-last-backup: "2026-11-27T23:50:00Z"
    orchestration.io/cert-expiry: "2026-12-15"
    orchestration.io/cert-rotation: manual
    orchestration.io/last-upgrade: "2025-06-02"
spec:
  type: kubernetes-cluster
  owner: group:default/platform
`;

const BROKEN_ANNOTATIONS = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: typo-service
  annotations:
    backstage.io/techdocs-ref: dir:.
    orchestration.io/workload-typ: api
    orchestration.io/portability: aws-onyl
    orchestration.io/scheduling: gpu, taints
spec:
  owner: team-a
`;

describe('orchestration-advisor', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orchestration-advisor-'));
    fs.mkdirSync(path.join(dir, 'catalog', 'nested'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'catalog', 'content.yaml'), CATALOG);
    fs.writeFileSync(path.join(dir, 'catalog', 'nested', 'kops.yml'), KOPS);
    fs.writeFileSync(path.join(dir, 'catalog', 'notes.txt'), 'not yaml: [');
    fs.writeFileSync(path.join(dir, 'broken.yaml'), BROKEN_ANNOTATIONS);
    fs.writeFileSync(
      path.join(dir, 'invalid.yaml'),
      'apiVersion: v1\nkind: Component\n  metadata: [\n',
    );
    fs.writeFileSync(
      path.join(dir, 'app-config.yaml'),
      'app:\n  title: x\norchestration:\n  thresholds:\n    smallTeamSize: 1\n',
    );
    fs.writeFileSync(
      path.join(dir, 'bad-config.yaml'),
      'orchestration:\n  thresholds:\n    smallTeamSize: many\n',
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('assesses every Component of a folder, walked recursively, as a readable report', () => {
    const result = run(['assess', 'catalog', '--now', NOW], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines.slice(0, 7)).toEqual([
      `component:default/content-api  (${path.join(
        'catalog',
        'content.yaml',
      )}:2)`,
      '  Recommendation: ecs-fargate (confidence high, leads by 10 points)',
      '  Fit',
      '    ecs-fargate               85 [#################---]  recommended',
      '    ecs-ec2                   75 [###############-----]  good',
      '    eks                       50 [##########----------]  possible',
      '    self-managed-kubernetes   40 [########------------]  possible',
    ]);
    expect(result.stdout).toContain(
      `component:default/legacy-web  (${path.join(
        'catalog',
        'nested',
        'kops.yml',
      )}:1)`,
    );
    expect(result.stdout).toContain(
      '  Migration: self-managed-kubernetes -> ecs-fargate',
    );
    expect(result.stdout).toContain(
      '    kubernetes-upgrades       critical       due 2025-07-15',
    );
    expect(result.stdout).toContain(
      '    etcd-backups              ok             due 2026-11-28T00:05:00.000Z',
    );
    expect(result.stdout).toContain(
      '    certificate-rotation      warning        due 2026-12-15',
    );
  });

  it('prints one JSON array with --json and resolves owners, members, platform teams and clusters', () => {
    const result = run(['assess', 'catalog', '--json', '--now', NOW], dir);
    expect(result.code).toBe(0);
    const assessments = JSON.parse(result.stdout);
    expect(
      assessments.map((a: any) => [
        a.entityRef,
        a.recommendation.platform,
        a.migration,
      ]),
    ).toEqual([
      ['component:default/content-api', 'ecs-fargate', null],
      [
        'component:default/legacy-web',
        'ecs-fargate',
        expect.objectContaining({
          from: 'self-managed-kubernetes',
          to: 'ecs-fargate',
        }),
      ],
    ]);
    const contentApi = assessments[0];
    // web-content has alice (spec.members) and bob (memberOf); the platform Group is annotated.
    expect(contentApi.platforms[2].reasons[0]).toEqual({
      rule: 'K8S-PLATFORM-TEAM',
      effect: 'favours',
      points: 10,
      evidence: [
        { key: 'catalog:platform-team', value: 'group:default/platform' },
      ],
      explanation:
        'A platform team exists that can operate, upgrade and support Kubernetes clusters.',
    });
    const missing = contentApi.missing.map((m: any) => m.key);
    expect(missing).not.toContain('catalog:owner-member-count');
    expect(missing).not.toContain('catalog:platform-team');
    expect(
      assessments[1].obligations.map((o: any) => [o.id, o.status]),
    ).toEqual([
      ['kubernetes-upgrades', 'critical'],
      ['etcd-backups', 'ok'],
      ['certificate-rotation', 'warning'],
      ['cni-ip-capacity', 'unknown'],
      ['control-plane-monitoring', 'unknown'],
    ]);
    expect(assessments[1].missing.map((m: any) => m.key)).toContain(
      'catalog:owner-member-count',
    );
  });

  it('reads thresholds from the orchestration section of an app-config', () => {
    const result = run(
      [
        'assess',
        'catalog/content.yaml',
        '--json',
        '--now',
        NOW,
        '--config',
        'app-config.yaml',
      ],
      dir,
    );
    expect(result.code).toBe(0);
    const [assessment] = JSON.parse(result.stdout);
    // Two members are no longer a small team when the limit is 1, and no Group is a platform team here.
    expect(assessment.platforms[0].reasons.map((r: any) => r.rule)).toEqual([
      'ECS-SIMPLE',
      'ECS-AWS-INTEGRATION',
      'ECS-FARGATE',
      'ECS-AWS-ONLY',
    ]);
  });

  it('lints against the Fargate limits of the configuration, not only the built-in ones', () => {
    fs.writeFileSync(
      path.join(dir, 'fargate-24.yaml'),
      `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: wide
  annotations:
    orchestration.io/workload-type: api
    orchestration.io/resources: cpu=24,memory=100Gi
    orchestration.io/current-platform: ecs-fargate
spec:
  type: service
  owner: team
`,
    );
    fs.writeFileSync(
      path.join(dir, 'fargate-16.yaml'),
      'orchestration:\n  knowledgeBase:\n    fargate:\n      ecs: { maxVcpu: 16, maxMemoryGi: 120 }\n',
    );
    expect(run(['lint', 'fargate-24.yaml'], dir).code).toBe(0);
    const limited = run(
      ['lint', 'fargate-24.yaml', '--config', 'fargate-16.yaml'],
      dir,
    );
    expect(limited.code).toBe(1);
    expect(limited.stdout).toContain(
      'fargate-24.yaml:7: error: orchestration.io/current-platform is ecs-fargate but one task exceeds the Fargate limits: cpu=24 (max 16)',
    );
  });

  it('lints annotations as file:line: severity: message and exits 1 on errors', () => {
    const result = run(['lint', 'broken.yaml', 'catalog'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      'broken.yaml:7: error: unknown annotation orchestration.io/workload-typ; did you mean orchestration.io/workload-type?',
      'broken.yaml:8: error: "aws-onyl" is not a valid value for orchestration.io/portability; did you mean "aws-only"? Allowed: aws-only, multi-cloud, hybrid',
      'broken.yaml:5: warning: orchestration.io/workload-type is missing, so no platform can be recommended; add one of: web-service, api, batch, worker, stateful',
      '7 entities checked: 2 errors, 1 warning',
      '',
    ]);
  });

  it('exits 0 when lint finds no error', () => {
    const result = run(['lint', 'catalog'], dir);
    expect([result.code, result.stdout]).toEqual([
      0,
      '6 entities checked: 0 errors, 0 warnings\n',
    ]);
  });

  it.each([
    [
      ['assess', 'nope.yaml'],
      'orchestration-advisor: cannot read nope.yaml: no such file\n',
    ],
    [
      ['lint', 'invalid.yaml'],
      'invalid.yaml:2: error: invalid YAML: Nested mappings are not allowed in compact mappings\n',
    ],
    [
      ['assess', 'catalog', '--now', 'tomorrow'],
      'orchestration-advisor: invalid --now value "tomorrow": expected an ISO-8601 date or timestamp, e.g. 2026-11-28T00:00:00Z\n',
    ],
    [
      ['assess', 'catalog', '--config', 'bad-config.yaml'],
      'orchestration-advisor: invalid configuration in bad-config.yaml: orchestration.thresholds.smallTeamSize: expected a whole number of members\n',
    ],
    [['frobnicate'], "orchestration-advisor: unknown command 'frobnicate'\n"],
    [['lint'], "orchestration-advisor: missing required argument 'paths'\n"],
    [
      [],
      'orchestration-advisor: missing command; run orchestration-advisor --help\n',
    ],
  ])('exits 2 with a one-line reason for %j', (args, stderr) => {
    const result = run(args, dir);
    expect([result.code, result.stderr, result.stdout]).toEqual([
      2,
      stderr,
      '',
    ]);
  });
});

/** A temporary folder with the given files; removed after the tests. */
function tempFolder(): {
  dir: string;
  write: (name: string, content: string | Buffer) => string;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orchestration-advisor-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    write: (name, content) => {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), content);
      return name;
    },
  };
}

const PAYMENTS = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: pay-api
  namespace: payments
  annotations:
    orchestration.io/workload-type: api
    orchestration.io/current-platform: eks
    orchestration.io/cluster: pay-eks
spec:
  owner: pay-team
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: pay-team
  namespace: payments
spec:
  type: team
  members: [erin]
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: erin
  namespace: payments
spec:
  memberOf: [pay-team]
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: frank
  namespace: payments
spec:
  memberOf: [group:payments/pay-team]
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: pay-eks
  namespace: payments
  annotations:
    orchestration.io/control-plane: eks
spec:
  type: kubernetes-cluster
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: pay-eks
  annotations:
    orchestration.io/control-plane: self-managed
spec:
  type: kubernetes-cluster
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: pay-team
spec:
  type: team
  members: [someone, someone-else, a-third]
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: platform
  annotations:
    orchestration.io/platform-team: "true"
spec:
  type: team
  members: [carol]
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: empty-platform
  annotations:
    orchestration.io/platform-team: "true"
spec:
  type: team
  members: []
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: configured-empty
spec:
  type: team
`;

describe('orchestration-advisor catalog facts', () => {
  const { dir, write } = tempFolder();
  write('payments.yaml', PAYMENTS);
  const options = (() => {
    const result = readOrchestrationConfig({
      platformTeams: ['configured-empty', 'group:default/elsewhere'],
    });
    if (!result.ok) throw new Error(result.errors.join('; '));
    return result.options;
  })();

  function inputFor(name: string) {
    const catalog = loadCatalog(['payments.yaml'], dir);
    const facts = new CatalogFacts(catalog.entities);
    const component = catalog.entities.find(
      e => e.entity.metadata.name === name,
    )!;
    return facts.inputFor(component.entity, options, NOW);
  }

  it.each([
    [
      'a relative cluster ref resolves in the Component namespace',
      (input: ReturnType<typeof inputFor>) =>
        input.cluster &&
        `resource:${input.cluster.metadata.namespace}/${input.cluster.metadata.name}`,
      'resource:payments/pay-eks',
    ],
    [
      'the owner resolves in the Component namespace',
      (input: ReturnType<typeof inputFor>) => input.owner?.entityRef,
      'group:payments/pay-team',
    ],
    [
      'Group members resolve in the Group namespace and Users add themselves once',
      (input: ReturnType<typeof inputFor>) => input.owner?.memberCount,
      2,
    ],
    [
      'platform teams are Groups with members, annotated or configured',
      (input: ReturnType<typeof inputFor>) => input.platformTeams,
      ['group:default/elsewhere', 'group:default/platform'],
    ],
  ])('%s', (_title, pick, expected) => {
    expect(pick(inputFor('pay-api'))).toEqual(expected);
  });

  it('does not count an empty configured platform team through the options', () => {
    const input = inputFor('pay-api');
    expect(input.options?.platformTeams).toEqual([]);
    expect(assessEntity(input).missing.map(m => m.key)).not.toContain(
      'catalog:platform-team',
    );
  });

  it('prints exactly the engine JSON for the resolved input', () => {
    const result = run(
      ['assess', 'payments.yaml', '--json', '--now', NOW],
      dir,
    );
    expect([result.code, result.stderr]).toEqual([0, '']);
    const catalog = loadCatalog(['payments.yaml'], dir);
    const facts = new CatalogFacts(catalog.entities);
    const component = catalog.entities.find(
      e => e.entity.kind === 'Component',
    )!;
    const expected = assessEntity(
      facts.inputFor(component.entity, DEFAULT_ORCHESTRATION_OPTIONS, NOW),
    );
    expect(JSON.parse(result.stdout)).toEqual([
      JSON.parse(JSON.stringify(expected)),
    ]);
  });
});

const ENTITY = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: a
spec:
  owner: team-a
`;

describe('orchestration-advisor input files', () => {
  const { dir, write } = tempFolder();
  write('ok.yaml', ENTITY);
  write(
    'alias.yaml',
    'kind: Component\nmetadata: &m\n  name: a\n---\nkind: Component\nmetadata: *m\n',
  );
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 10; i++) {
    const name = String.fromCharCode(97 + i);
    const previous = String.fromCharCode(96 + i);
    bomb.push(
      `${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`,
    );
  }
  write('bomb.yaml', `${bomb.join('\n')}\nkind: Component\n`);
  write('many.yaml', '---\na: 1\n'.repeat(1001));
  write('huge.yaml', `# ${'x'.repeat(6 * 1024 * 1024)}\n`);
  write('syntax.yaml', 'apiVersion: v1\nkind: Component\n  metadata: [\n');
  write('list.yaml', '- kind: Component\n- kind: Group\n');
  write('scalar.yaml', `${ENTITY}---\njust text\n`);
  write(
    'utf32.yaml',
    Buffer.concat([
      Buffer.from([0xff, 0xfe, 0, 0]),
      Buffer.from(
        [...'kind: Component\n'].flatMap(c => [c.charCodeAt(0), 0, 0, 0]),
      ),
    ]),
  );
  write('binary.yaml', Buffer.from([0x6b, 0x3a, 0x20, 0x00, 0x01, 0x0a]));
  write('config-alias.yaml', 'orchestration: *nothing\n');

  it.each([
    [
      'an alias to an anchor of another document',
      ['lint', 'alias.yaml'],
      'alias.yaml:6: error: invalid YAML: alias *m has no anchor &m before it in this document (anchors do not carry over to the next document after "---")\n',
    ],
    [
      'an alias bomb',
      ['assess', 'bomb.yaml'],
      'bomb.yaml:2: error: invalid YAML: its aliases expand to too many values (over 100); write the values out instead of nesting aliases\n',
    ],
    [
      'too many documents',
      ['lint', 'many.yaml'],
      'many.yaml:2001: error: more than 1000 YAML documents in one file; split it into several files\n',
    ],
    [
      'a file over 5 MB',
      ['lint', 'huge.yaml'],
      'huge.yaml:1: error: the file is larger than 5 MB (6291459 bytes); split it into several files\n',
    ],
    [
      'a syntax error',
      ['assess', 'syntax.yaml'],
      'syntax.yaml:2: error: invalid YAML: Nested mappings are not allowed in compact mappings\n',
    ],
    [
      'a document that is a list',
      ['lint', 'list.yaml'],
      'list.yaml:1: error: the document is a list, not a map; a catalog entity is a map with apiVersion, kind and metadata\n',
    ],
    [
      'a document that is a plain value',
      ['lint', 'scalar.yaml'],
      'scalar.yaml:8: error: the document is "just text", not a map; a catalog entity is a map with apiVersion, kind and metadata\n',
    ],
    [
      'a UTF-32 file',
      ['lint', 'utf32.yaml'],
      'utf32.yaml:1: error: the file is encoded as UTF-32, which is not read; save it as UTF-8\n',
    ],
    [
      'a binary file',
      ['lint', 'binary.yaml'],
      'binary.yaml:1: error: the file contains NUL characters: it is not a UTF-8 text file (binary, or UTF-16 or UTF-32 without a byte-order mark); save it as UTF-8\n',
    ],
    [
      'several bad files, one line each',
      ['lint', 'ok.yaml', 'list.yaml', 'alias.yaml'],
      'list.yaml:1: error: the document is a list, not a map; a catalog entity is a map with apiVersion, kind and metadata\n' +
        'alias.yaml:6: error: invalid YAML: alias *m has no anchor &m before it in this document (anchors do not carry over to the next document after "---")\n',
    ],
    [
      'a configuration file with an unresolved alias',
      ['assess', 'ok.yaml', '--config', 'config-alias.yaml'],
      'config-alias.yaml:1: error: invalid YAML: alias *nothing has no anchor &nothing before it in this document (anchors do not carry over to the next document after "---")\n',
    ],
  ])('exits 2 with one line for %s', (_title, args, stderr) => {
    const result = run(args, dir);
    expect([result.code, result.stderr, result.stdout]).toEqual([
      2,
      stderr,
      '',
    ]);
  });
});

const BROKEN = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: typo-service
  annotations:
    orchestration.io/workload-type: api
    orchestration.io/portability: aws-onyl
`;
const BROKEN_LINT = [
  'error: "aws-onyl" is not a valid value for orchestration.io/portability',
];

function utf16(text: string, bigEndian: boolean, bom: boolean): Buffer {
  const little = Buffer.from(text, 'utf16le');
  const bytes = Buffer.alloc(little.length);
  for (let i = 0; i < little.length; i += 2) {
    bytes[i] = bigEndian ? little[i + 1] : little[i];
    bytes[i + 1] = bigEndian ? little[i] : little[i + 1];
  }
  if (!bom) return bytes;
  return Buffer.concat([
    Buffer.from(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]),
    bytes,
  ]);
}

describe('orchestration-advisor encodings and empty files', () => {
  const { dir, write } = tempFolder();

  it.each([
    ['UTF-8', Buffer.from(BROKEN, 'utf8')],
    ['UTF-8 with a byte-order mark', Buffer.from(`\uFEFF${BROKEN}`, 'utf8')],
    ['UTF-16LE with a byte-order mark', utf16(BROKEN, false, true)],
    ['UTF-16BE with a byte-order mark', utf16(BROKEN, true, true)],
    ['UTF-16LE without a byte-order mark', utf16(BROKEN, false, false)],
    ['UTF-16BE without a byte-order mark', utf16(BROKEN, true, false)],
  ])('reads %s', (title, bytes) => {
    const file = write(`${title.replace(/\W+/g, '-')}.yaml`, bytes);
    const result = run(['lint', file], dir);
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      new RegExp(`^${file.replace(/[.]/g, '\\.')}:7: ${BROKEN_LINT[0]}`),
    );
    expect(lines[lines.length - 1]).toMatch(/^1 entity checked: 1 error, /);
  });

  it('reads invalid UTF-8 with a warning at the first bad byte', () => {
    const file = write(
      'latin1.yaml',
      Buffer.concat([
        Buffer.from(`${ENTITY}  description: `, 'utf8'),
        Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]),
      ]),
    );
    const result = run(['lint', file], dir);
    expect([result.code, result.stdout]).toEqual([
      0,
      'latin1.yaml:7: warning: the file is not valid UTF-8; unreadable bytes were replaced by \uFFFD (save it as UTF-8)\n' +
        '1 entity checked: 0 errors, 1 warning\n',
    ]);
  });

  it.each([
    ['an empty file', ''],
    ['a file of comments', '# nothing here yet\n'],
    ['a map that is not an entity', 'services:\n  web: {}\n'],
  ])('warns about %s: no entity', (title, content) => {
    const file = write(`${title.replace(/\W+/g, '-')}.yaml`, content);
    const warning = `${file}:1: warning: no catalog entity in this file (an entity is a YAML map with apiVersion, kind and metadata.name)`;
    const lint = run(['lint', file], dir);
    expect([lint.code, lint.stdout]).toEqual([
      0,
      `${warning}\n0 entities checked: 0 errors, 1 warning\n`,
    ]);
    const assess = run(['assess', file, '--now', NOW], dir);
    expect([assess.code, assess.stderr, assess.stdout]).toEqual([
      0,
      `${warning}\n`,
      'No Component found in the files given (0 entities read).\n',
    ]);
  });

  it('warns about a folder without catalog files', () => {
    fs.mkdirSync(path.join(dir, 'nothing'), { recursive: true });
    const result = run(['lint', 'nothing'], dir);
    expect([result.code, result.stdout]).toEqual([
      0,
      'nothing: warning: no *.yaml or *.yml file in this folder\n0 entities checked: 0 errors, 1 warning\n',
    ]);
  });
});

describe('orchestration-advisor invalid entities and duplicates', () => {
  const { dir, write } = tempFolder();
  const component = (metadata: string, kind = 'Component') =>
    `apiVersion: backstage.io/v1alpha1\nkind: ${kind}\nmetadata:\n${metadata}spec:\n  owner: team-a\n`;

  it.each([
    [
      'a number as name',
      component('  name: 123\n'),
      '4: error: metadata.name must be a string, not the number 123; quote it: name: "123"',
    ],
    [
      'a boolean as name',
      component('  name: true\n'),
      '4: error: metadata.name must be a string, not the boolean true; quote it: name: "true"',
    ],
    [
      'a missing name',
      component('  title: No name\n'),
      '3: error: metadata.name is missing',
    ],
    [
      'a number as kind',
      component('  name: a\n', '1.30'),
      '2: error: kind must be a string, not the number 1.3; quote it: kind: "1.30"',
    ],
    [
      'a number as namespace',
      component('  name: a\n  namespace: 7\n'),
      '5: error: metadata.namespace must be a string, not the number 7; quote it: namespace: "7"',
    ],
    [
      'annotations written as a list',
      component(
        '  name: a\n  annotations:\n    - orchestration.io/workload-type: api\n',
      ),
      '5: error: metadata.annotations must be a map of key: value, not a list; write each annotation as "key: value" without a leading "- "; none of its annotations are read',
    ],
    [
      'annotations written as text',
      component(
        '  name: a\n  annotations: orchestration.io/workload-type=api\n',
      ),
      '5: error: metadata.annotations must be a map of key: value, not "orchestration.io/workload-type=api"; none of its annotations are read',
    ],
  ])('reports %s with file:line', (title, content, expected) => {
    const file = write(
      `${title.replace(/\W+/g, '-')}.yaml`,
      `${content}---\n${ENTITY.replace('name: a', 'name: fine')}`,
    );
    const lint = run(['lint', file], dir);
    expect([lint.code, lint.stdout]).toEqual([
      1,
      `${file}:${expected}\n2 entities checked: 1 error, 0 warnings\n`,
    ]);
    const assess = run(['assess', file, '--json', '--now', NOW], dir);
    expect([assess.code, assess.stderr]).toEqual([1, `${file}:${expected}\n`]);
    expect(JSON.parse(assess.stdout).map((a: any) => a.entityRef)).toEqual([
      'component:default/fine',
    ]);
  });

  it('warns about an entity defined twice, naming both places, and uses the first', () => {
    write('first.yaml', ENTITY);
    write(
      'second.yaml',
      `${ENTITY.replace('name: a', 'name: A')}---\n${ENTITY.replace(
        'name: a',
        'name: b',
      )}---\n${ENTITY.replace('name: a', 'name: b')}`,
    );
    const lint = run(['lint', 'first.yaml', 'second.yaml'], dir);
    expect([lint.code, lint.stdout]).toEqual([
      0,
      [
        'second.yaml:1: warning: component:default/a is defined twice: at first.yaml:1 and here; the catalog keeps one, so this definition is not used',
        'second.yaml:15: warning: component:default/b is defined twice: at second.yaml:8 and here; the catalog keeps one, so this definition is not used',
        '4 entities checked: 0 errors, 2 warnings',
        '',
      ].join('\n'),
    ]);
    const assess = run(
      ['assess', 'first.yaml', 'second.yaml', '--json', '--now', NOW],
      dir,
    );
    expect(assess.code).toBe(0);
    expect(assess.stderr.split('\n')).toHaveLength(3);
    expect(JSON.parse(assess.stdout).map((a: any) => a.entityRef)).toEqual([
      'component:default/a',
      'component:default/b',
    ]);
  });
});

describe('orchestration-advisor bounded output', () => {
  const { dir, write } = tempFolder();
  const junk: string[] = [];
  for (let i = 0, size = 0; size < 1024 * 1024; i++) {
    junk.push(`junk${i}`);
    size += junk[junk.length - 1].length + 1;
  }
  const value = junk.join(',');
  write(
    'big.yaml',
    `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: big
  annotations:
    orchestration.io/workload-type: "${value}"
    orchestration.io/scheduling: "${value}"
    orchestration.io/resources: "${value}"
    orchestration.io/cluster: "${value}"
spec:
  owner: team-a
`,
  );

  // Values just under the parser's length limit, echoed by the engine in messages.
  write(
    'long.yaml',
    `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: long
  annotations:
    orchestration.io/workload-type: api
    orchestration.io/current-platform: eks
    orchestration.io/cluster: "${'c'.repeat(4000)}"
    orchestration.io/portability: "${'p'.repeat(4000)}"
    orchestration.io/aws-integrations: "alb,${'a'.repeat(3000)}"
spec:
  owner: team-a
`,
  );

  it.each([
    [['lint', 'big.yaml']],
    [['assess', 'big.yaml', '--now', NOW]],
    [['assess', 'big.yaml', '--json', '--now', NOW]],
    [['lint', 'long.yaml']],
    [['assess', 'long.yaml', '--now', NOW]],
  ])(
    'finishes %j with small output that echoes at most about 120 characters of a value',
    args => {
      const result = run(args, dir, 120_000);
      expect(result.stderr).not.toMatch(/RangeError|\n {4}at /);
      expect(result.code).not.toBeNull();
      expect(result.code).toBeLessThan(2);
      expect(result.stdout.length).toBeLessThan(100 * 1024);
      // JSON is the engine's output as is; the text must not echo long values.
      const text = args.includes('--json') ? '' : result.stdout;
      expect(text).not.toMatch(/\S{200}/);
      expect(
        Math.max(0, ...text.split('\n').map(line => line.length)),
      ).toBeLessThan(1200);
    },
    240_000,
  );
});

const OPTION = {
  id: 'ecs-anywhere',
  name: 'ECS Anywhere',
  since: '2021-05-26',
  summary: 'Runs ECS tasks on your own servers, managed from an AWS Region',
  limits: 'no Fargate, no load balancer integration on premises',
  sources: ['S40', 'S41'],
  secondary: true,
};

function platform(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    fit: 50,
    score: 50,
    base: 50,
    verdict: 'possible',
    reasons: [],
    cost: null,
    ...extra,
  };
}

/** An assessment with every field the report shows. */
function fixture(changes: (a: any) => void = () => {}): Assessment {
  const assessment: any = {
    apiVersion: 'orchestration.io/v1alpha1',
    entityRef: 'component:default/render-me',
    assessedAt: '2026-11-28T00:00:00.000Z',
    recommendation: {
      platform: 'ecs-fargate',
      status: 'recommended',
      confidence: 'low',
      nearTies: [],
      lead: 5,
      decidingInputs: [],
    },
    platforms: [
      platform('ecs-fargate', {
        fit: 70,
        score: 70,
        verdict: 'recommended',
        cost: {
          monthlyUsd: 144.16,
          lines: [
            {
              item: 'Fargate, 2 tasks of 1 vCPU and 2 GiB',
              monthlyUsd: 144.16,
              source: 'S48',
            },
          ],
          assumptions: ['730 hours a month', 'us-east-1 prices'],
        },
      }),
      platform('ecs-ec2', { verdict: 'blocked', fit: 0, score: -10 }),
      platform('eks'),
      platform('self-managed-kubernetes'),
    ],
    warnings: [],
    migration: null,
    obligations: [],
    missing: [],
    validation: [],
    knowledgeAsOf: '2026-08-22',
  };
  changes(assessment);
  return assessment as Assessment;
}

describe('orchestration-advisor report', () => {
  it.each([
    [
      'the lead and confidence',
      fixture(),
      ['  Recommendation: ecs-fargate (confidence low, leads by 5 points)'],
    ],
    [
      'the inputs that would change the recommendation',
      fixture(a => {
        a.recommendation.decidingInputs = [
          {
            key: 'orchestration.io/portability',
            value: 'multi-cloud',
            wouldRecommend: 'eks',
          },
          {
            key: 'orchestration.io/workload-type',
            value: 'batch',
            wouldRecommend: null,
          },
        ];
      }),
      [
        '  Would change the recommendation: orchestration.io/portability=multi-cloud -> eks',
        '  Would change the recommendation: orchestration.io/workload-type=batch -> no recommendation',
      ],
    ],
    [
      'the monthly cost per platform, with its lines and assumptions',
      fixture(),
      [
        '  Cost (monthly estimate, beside the fit and not part of it)',
        '    ecs-fargate               $144.16/month',
        '         $144.16  Fargate, 2 tasks of 1 vCPU and 2 GiB (S48)',
        '    Assuming:',
        '      - 730 hours a month',
        '      - us-east-1 prices',
        '    ecs-ec2                   no estimate (blocked)',
        '    eks                       cost unknown',
      ],
    ],
    [
      'an unknown cost when the size is not given',
      fixture(a => {
        a.missing = [
          {
            key: 'orchestration.io/resources',
            why: 'Size.',
            example: 'cpu=1,memory=2Gi',
          },
        ];
      }),
      ['    eks                       cost unknown (size not given)'],
    ],
    [
      'a reason counted by another rule, with 0 points',
      fixture(a => {
        a.platforms[2].reasons = [
          {
            rule: 'K8S-TOOLING',
            effect: 'favours',
            points: 0,
            countedBy: 'K8S-ECOSYSTEM',
            evidence: [{ key: 'orchestration.io/ecosystem', value: 'helm' }],
            explanation: 'Helm charts run on any Kubernetes.',
          },
        ];
      }),
      [
        '          0  K8S-TOOLING (counted by K8S-ECOSYSTEM): Helm charts run on any Kubernetes.',
        '             evidence: orchestration.io/ecosystem=helm',
      ],
    ],
    [
      'named alternatives of reasons and warnings',
      fixture(a => {
        a.platforms[0].reasons = [
          {
            rule: 'REQ-PORTABILITY',
            effect: 'favours',
            points: 0,
            evidence: [],
            explanation: 'Hybrid does not block ECS.',
            alternatives: [OPTION],
          },
        ];
        a.warnings = [
          {
            rule: 'REQ-PORTABILITY',
            message: 'Fargate serves only the cloud side.',
            alternatives: [{ ...OPTION, secondary: undefined }],
          },
        ];
      }),
      [
        '             alternative: ECS Anywhere (since 2021-05-26; sources S40, S41; secondary source): Runs ECS tasks on your own servers, managed from an AWS Region. Limits: no Fargate, no load balancer integration on premises.',
        '    ! REQ-PORTABILITY: Fargate serves only the cloud side.',
        '      alternative: ECS Anywhere (since 2021-05-26; sources S40, S41): Runs ECS tasks on your own servers, managed from an AWS Region. Limits: no Fargate, no load balancer integration on premises.',
      ],
    ],
    [
      'a proposed migration with its effort, why and steps',
      fixture(a => {
        a.migration = {
          from: 'self-managed-kubernetes',
          to: 'ecs-fargate',
          lead: 45,
          why: 'Fargate leads the current platform by 45 points.',
          effort: 'large',
          effortReasons: ['Helm charts become task definitions.'],
          steps: ['Write task definitions.', 'Move traffic.'],
        };
      }),
      [
        '  Migration: self-managed-kubernetes -> ecs-fargate (effort large, leads by 45 points)',
        '    Why: Fargate leads the current platform by 45 points.',
        '    Effort large:',
        '      - Helm charts become task definitions.',
        '    Steps:',
        '      1. Write task definitions.',
        '      2. Move traffic.',
      ],
    ],
    ['no migration', fixture(), ['  Migration: none']],
    [
      'echoed values cut to about 120 characters',
      fixture(a => {
        a.platforms[0].reasons = [
          {
            rule: 'ECS-SIMPLE',
            effect: 'favours',
            points: 10,
            evidence: [
              {
                key: 'orchestration.io/workload-type',
                value: 'x'.repeat(5000),
              },
            ],
            explanation: 'Simple.',
          },
        ];
        a.validation = Array.from({ length: 5 }, () => ({
          severity: 'error',
          code: 'unknown-value',
          key: 'orchestration.io/scheduling',
          value: 'y'.repeat(5000),
          message: `"${'y'.repeat(5000)}" is not a valid value`,
        }));
      }),
      [
        `             evidence: orchestration.io/workload-type=${'x'.repeat(
          120,
        )}... (5000 characters)`,
        `    error: "${'y'.repeat(
          120,
        )}... (5000 characters)" is not a valid value`,
        '    2 more problems with orchestration.io/scheduling not shown',
      ],
    ],
  ])('shows %s', (_title, assessment, expected) => {
    const lines = renderAssessment(assessment).split('\n');
    for (const line of expected) expect(lines).toContain(line);
  });
});

describe('orchestration-advisor package', () => {
  it('depends on a CommonJS commander that runs on every Node version it declares', () => {
    const own = JSON.parse(
      fs.readFileSync(path.resolve(__dirname, '../package.json'), 'utf8'),
    );
    const commander = JSON.parse(
      fs.readFileSync(
        path.join(path.dirname(require.resolve('commander')), 'package.json'),
        'utf8',
      ),
    );
    const lowest = (range: string) =>
      Number(/(\d+)(?:\.(\d+))?/.exec(range)![1]) * 1000 +
      Number(/(\d+)(?:\.(\d+))?/.exec(range)![2] ?? 0);
    expect(own.engines.node).toBe('>=20');
    expect(commander.type ?? 'commonjs').toBe('commonjs');
    expect(lowest(commander.engines.node)).toBeLessThanOrEqual(
      lowest(own.engines.node),
    );
  });
});
