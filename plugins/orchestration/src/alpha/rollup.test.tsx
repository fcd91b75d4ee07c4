import { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
} from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import orchestrationPlugin from '../alpha';
import { contentApi, notAnnotated, prodKops } from '../__testUtils__/fixtures';
import {
  orchestrationEntityContent,
  orchestrationGetStartedEntityContent,
  orchestrationRollupEntityCard,
  orchestrationRollupEntityContent,
} from './index';

const apis = [mockApis.translation()] as const;

const of = (kind: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x', namespace: 'default' },
  spec: {},
});

describe('orchestration /alpha, roll-ups of Groups and Systems', () => {
  const tab = createExtensionTester(orchestrationRollupEntityContent, { apis });
  const card = createExtensionTester(orchestrationRollupEntityCard);
  const tabFilter = tab.get(EntityContentBlueprint.dataRefs.filterFunction)!;
  const cardFilter = card.get(EntityCardBlueprint.dataRefs.filterFunction)!;

  it('offers the Orchestration tab, at the path of a Component’s', () => {
    expect(tab.get(coreExtensionData.routePath)).toBe('orchestration');
    expect(tab.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Orchestration',
    );
  });

  it.each([
    ['a Group', of('Group'), true],
    ['a System', of('System'), true],
    ['an annotated Component', contentApi, false],
    ['a Component without annotations', notAnnotated, false],
    ['a cluster', prodKops, false],
    ['a User', of('User'), false],
  ])('on %s: %p', (_name, entity, expected) => {
    expect(tabFilter(entity)).toBe(expected);
    expect(cardFilter(entity)).toBe(expected);
  });

  it('never offers two Orchestration tabs on one entity', () => {
    const others = [
      createExtensionTester(orchestrationEntityContent, { apis }).get(
        EntityContentBlueprint.dataRefs.filterFunction,
      )!,
      createExtensionTester(orchestrationGetStartedEntityContent, {
        apis,
      }).get(EntityContentBlueprint.dataRefs.filterFunction)!,
    ];
    for (const entity of [of('Group'), of('System'), contentApi, prodKops]) {
      const offered = [tabFilter, ...others].filter(f => f(entity));
      expect(offered.length).toBeLessThanOrEqual(1);
    }
  });

  it('are part of the plugin', () => {
    expect(
      orchestrationPlugin.getExtension('entity-content:orchestration/rollup'),
    ).toMatchObject({ kind: 'entity-content', name: 'rollup' });
    expect(
      orchestrationPlugin.getExtension('entity-card:orchestration/rollup'),
    ).toMatchObject({ kind: 'entity-card', name: 'rollup' });
  });
});
