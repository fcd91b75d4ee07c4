import { Assessment } from '@orchestration/plugin-orchestration-common';
import {
  assess,
  contentApi,
  eventsKafka,
  noWorkloadType,
} from '../../__testUtils__/fixtures';
import {
  checkoutAssessment,
  globalSearchAssessment,
} from '../../__testUtils__/fixedAssessments';
import { blockText, mainReasons, nextAction, todayText } from './nextAction';

describe('nextAction', () => {
  it('keeps a service that already runs on the recommended platform', () => {
    const action = nextAction(assess(contentApi), 'ecs-fargate');
    expect(action).toMatchObject({
      kind: 'keep',
      title: 'Keep as is',
      detail: 'It already runs on the recommended platform.',
    });
  });

  it('gives a migration its effort and first step', () => {
    expect(nextAction(globalSearchAssessment, 'ecs-fargate')).toEqual({
      kind: 'migrate',
      title: 'Migrate to Amazon EKS: large effort',
      detail: globalSearchAssessment.migration!.why,
      firstStep: globalSearchAssessment.migration!.steps[0],
    });
    expect(
      nextAction(assess(eventsKafka), 'self-managed-kubernetes').kind,
    ).toBe('migrate');
  });

  it('asks to settle a deciding input first, to deploy a new service, or to say where it runs', () => {
    expect(nextAction(checkoutAssessment, 'ecs-fargate')).toMatchObject({
      kind: 'keep',
      caveat:
        'Check first: setting orchestration.io/portability to multi-cloud would recommend Amazon EKS.',
    });
    expect(nextAction(checkoutAssessment, 'none')).toMatchObject({
      kind: 'deploy',
      title: 'Deploy on ECS on Fargate',
    });
    expect(nextAction(checkoutAssessment, undefined)).toMatchObject({
      kind: 'state-current',
      title: 'Add orchestration.io/current-platform',
    });
  });

  it('keeps a service whose platform trails by too little to move', () => {
    const assessment: Assessment = {
      ...checkoutAssessment,
      recommendation: {
        ...checkoutAssessment.recommendation,
        decidingInputs: [],
      },
    };
    expect(nextAction(assessment, 'ecs-ec2')).toMatchObject({
      kind: 'keep',
      detail:
        'ECS on EC2 is a good fit and ECS on Fargate leads it by only 10 points: too little to be worth a move.',
    });
    expect(
      nextAction(
        {
          ...assessment,
          recommendation: {
            ...assessment.recommendation,
            nearTies: ['ecs-ec2'],
          },
        },
        'ecs-ec2',
      ).detail,
    ).toBe(
      'ECS on EC2 is within the near-tie margin of ECS on Fargate: a move would not pay off.',
    );
  });

  it('asks for the annotations to add when there is no workload type', () => {
    const action = nextAction(assess(noWorkloadType), undefined);
    expect(action.kind).toBe('add-annotations');
    expect(action.keys).toContain('orchestration.io/workload-type');
    // Written, with a misspelt value: to fix, not to add.
    expect(action.keys).not.toContain('orchestration.io/portability');
  });

  it('puts misspelt keys first, and a misspelt workload type value before the rest', () => {
    const misspelt = assess({
      ...contentApi,
      metadata: {
        ...contentApi.metadata,
        annotations: {
          'orchestration.io/workload-type': 'api',
          'orchestration.io/curent-platform': 'ecs-fargate',
        },
      },
    });
    expect(nextAction(misspelt, undefined)).toMatchObject({
      kind: 'fix-keys',
      title: 'Fix 1 misspelt key',
      detail:
        'Rename orchestration.io/curent-platform → orchestration.io/current-platform. The corrected block is below; the advice may change once they are read.',
    });
    const badValue = assess({
      ...contentApi,
      metadata: {
        ...contentApi.metadata,
        annotations: { 'orchestration.io/workload-type': 'web-servce' },
      },
    });
    expect(nextAction(badValue, undefined)).toMatchObject({
      kind: 'fix-workload-type',
      title: 'Fix the value of orchestration.io/workload-type',
    });
  });
});

describe('the words of the strip', () => {
  it('says where it runs, why it is recommended and what blocks a platform', () => {
    expect(todayText('eks')).toBe('Amazon EKS');
    expect(todayText('none')).toBe('not deployed yet');
    expect(todayText(undefined)).toBeUndefined();
    expect(mainReasons(globalSearchAssessment)).toEqual([
      'Must run on several clouds or sites (+20)',
      'Scheduling the Kubernetes scheduler supports (+12)',
      'A platform team exists (+10)',
    ]);
    expect(blockText(globalSearchAssessment.platforms[0])).toBe(
      'Multi-cloud required: ECS is AWS-only (REQ-PORTABILITY)',
    );
  });
});
