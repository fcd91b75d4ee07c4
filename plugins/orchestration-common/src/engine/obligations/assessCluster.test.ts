import { assessCluster } from '../assess';
import { clusterObligations } from '.';
import {
  NOW,
  SELF,
  TEST_OPTIONS,
  clusterEntity,
  contextFor,
} from './__testUtils__/context';

// assessCluster is the public entry to the obligations of one cluster.
describe('assessCluster', () => {
  it('returns the obligations of the cluster', () => {
    const annotations = {
      ...SELF,
      'orchestration.io/provisioner': 'kops',
      'orchestration.io/kubernetes-version': '1.33',
      'orchestration.io/etcd-members': '2',
    };
    const result = assessCluster(clusterEntity(annotations), {
      now: NOW,
      options: TEST_OPTIONS,
    });
    expect(result.obligations).toEqual(
      clusterObligations(contextFor(annotations)),
    );
  });

  it('warns when the knowledge base is older than the configured age', () => {
    const result = assessCluster(clusterEntity({ ...SELF }), {
      now: '2027-06-01T00:00:00Z',
      options: TEST_OPTIONS,
    });
    expect(result.warnings).toEqual([
      {
        rule: 'KNOWLEDGE-STALE',
        message:
          'The knowledge base is dated 2026-11-28, 185 days before this assessment (limit 180); release and support dates may have moved. Update orchestration.knowledgeBase in configuration or upgrade the plugin.',
      },
    ]);
  });

  it('rejects an invalid now with a typed error', () => {
    expect(() =>
      assessCluster(clusterEntity({}), { now: 'yesterday' }),
    ).toThrow('now must be a valid Date or ISO-8601 string, got yesterday');
  });
});
