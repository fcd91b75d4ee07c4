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
  orchestrationGetStartedEntityCard,
  orchestrationGetStartedEntityContent,
} from './index';

/** The translation API the app gives the extensions, with the default messages. */
const apis = [mockApis.translation()] as const;

describe('orchestration /alpha, get started', () => {
  it('offers the Orchestration tab, at the same path, on Components without annotations', () => {
    const tester = createExtensionTester(orchestrationGetStartedEntityContent, {
      apis,
    });
    expect(tester.get(coreExtensionData.routePath)).toBe('orchestration');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Orchestration',
    );
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(notAnnotated)).toBe(true);
    expect(filter(contentApi)).toBe(false);
    expect(filter(prodKops)).toBe(false);
  });

  it('never offers both tabs on one entity', () => {
    const annotatedTab = createExtensionTester(orchestrationEntityContent, {
      apis,
    }).get(EntityContentBlueprint.dataRefs.filterFunction)!;
    const getStartedTab = createExtensionTester(
      orchestrationGetStartedEntityContent,
      { apis },
    ).get(EntityContentBlueprint.dataRefs.filterFunction)!;
    for (const entity of [notAnnotated, contentApi, prodKops]) {
      expect(annotatedTab(entity) && getStartedTab(entity)).toBe(false);
      expect(annotatedTab(entity) || getStartedTab(entity)).toBe(true);
    }
  });

  it('offers the get started card on Components without annotations', () => {
    const tester = createExtensionTester(orchestrationGetStartedEntityCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(notAnnotated)).toBe(true);
    expect(filter(contentApi)).toBe(false);
    expect(filter(prodKops)).toBe(false);
  });

  it('are part of the plugin', () => {
    expect(
      orchestrationPlugin.getExtension(
        'entity-content:orchestration/get-started',
      ),
    ).toMatchObject({ kind: 'entity-content', name: 'get-started' });
    expect(
      orchestrationPlugin.getExtension('entity-card:orchestration/get-started'),
    ).toMatchObject({ kind: 'entity-card', name: 'get-started' });
  });
});
