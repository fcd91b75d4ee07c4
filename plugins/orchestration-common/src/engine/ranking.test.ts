import { Entity } from '@backstage/catalog-model';
import { assessEntity } from './assess';

const NOW = '2026-11-28T00:00:00Z';
function service(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'svc', annotations },
    spec: { type: 'service', owner: 'group:default/team', lifecycle: 'production' },
  };
}
const cases: Record<string, any> = JSON.parse(process.env.SCRATCH_CASES ?? '[]');
it('dump', () => {
  const out: any[] = [];
  for (const c of cases as any) {
    const a = assessEntity({ entity: service(c.a), ...(c.team === 'none' ? { owner: { entityRef: 'group:default/team', memberCount: 3 }, platformTeams: [] } : c.team === 'unknown' ? {} : { owner: { entityRef: 'group:default/team', memberCount: 3 }, platformTeams: ['group:default/platform'] }), now: NOW });
    out.push({ case: c, platforms: a.platforms.map(p => ({ id: p.id, fit: p.fit, score: p.score, verdict: p.verdict, reasons: p.reasons.map(r => ({ ...r, alternatives: r.alternatives?.map(x => x.id) })) })), recommendation: a.recommendation, migration: a.migration, warnings: a.warnings.map(w => w.rule) });
  }
  require('fs').writeFileSync('/tmp/scratch/out.json', JSON.stringify(out, null, 1));
});
