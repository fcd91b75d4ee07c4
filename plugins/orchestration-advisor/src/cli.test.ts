import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BIN = path.resolve(__dirname, '../bin/orchestration-advisor');
const NOW = '2026-11-28T00:00:00Z';

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
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
      '  Recommendation: ecs-fargate (confidence high)',
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
        { from: 'self-managed-kubernetes', to: 'ecs-fargate' },
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
    expect(contentApi.missing).toEqual([]);
    expect(
      assessments[1].obligations.map((o: any) => [o.id, o.status]),
    ).toEqual([
      ['kubernetes-upgrades', 'critical'],
      ['etcd-backups', 'ok'],
      ['certificate-rotation', 'warning'],
      ['cni-ip-capacity', 'unknown'],
      ['control-plane-monitoring', 'unknown'],
    ]);
    expect(assessments[1].missing.map((m: any) => m.key)).toEqual([
      'catalog:owner-member-count',
    ]);
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
      'orchestration-advisor: invalid YAML in invalid.yaml:2: Nested mappings are not allowed in compact mappings\n',
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
