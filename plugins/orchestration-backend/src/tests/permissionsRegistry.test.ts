import request from 'supertest';
import { orchestrationPermissions } from '@orchestration/plugin-orchestration-common';
import {
  serviceHeader,
  startOrchestration,
} from '../__testUtils__/testBackend';

describe('permissions registry', () => {
  it('lists every Orchestration permission, as the RBAC plugin reads them', async () => {
    const backend = await startOrchestration();
    const res = await request(backend.server)
      .get('/api/orchestration/.well-known/backstage/permissions/metadata')
      .set('Authorization', serviceHeader());
    expect(res.status).toBe(200);
    expect(res.body.permissions).toEqual(
      expect.arrayContaining(orchestrationPermissions),
    );
    expect(
      res.body.permissions
        .map((p: { name: string }) => p.name)
        .filter((name: string) => name.startsWith('orchestration.'))
        .sort(),
    ).toEqual([
      'orchestration.assessment.read',
      'orchestration.cluster.facts.report',
      'orchestration.review.create',
      'orchestration.snapshot.refresh',
    ]);
    await backend.stop();
  });
});
