import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityContentBlueprint,
  EntityCardBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { screen } from '@testing-library/react';
import orchestrationPlugin, {
  orchestrationEntityCard,
  orchestrationEntityContent,
  orchestrationPage,
} from './alpha';
import { orchestrationApiRef } from './api';
import {
  contentApi,
  fakeApi,
  notAnnotated,
  prodKops,
} from './__testUtils__/fixtures';

jest.setTimeout(30_000);

describe('orchestration /alpha', () => {
  it('is the orchestration plugin', () => {
    expect(orchestrationPlugin.pluginId).toBe('orchestration');
  });

  it('mounts the dashboard at /orchestration with a title and icon for the sidebar', () => {
    const tester = createExtensionTester(orchestrationPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/orchestration');
    expect(tester.get(coreExtensionData.title)).toBe('Orchestration');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
  });

  it('offers the entity tab on annotated Components and cluster Resources only', () => {
    const tester = createExtensionTester(orchestrationEntityContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('orchestration');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Orchestration',
    );
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(contentApi)).toBe(true);
    expect(filter(prodKops)).toBe(true);
    expect(filter(notAnnotated)).toBe(false);
  });

  it('offers the overview card on annotated Components only', () => {
    const tester = createExtensionTester(orchestrationEntityCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(contentApi)).toBe(true);
    expect(filter(prodKops)).toBe(false);
  });

  it('renders the dashboard page from its extension', async () => {
    renderTestApp({
      extensions: [orchestrationPage],
      apis: [[orchestrationApiRef, fakeApi()]],
      initialRouteEntries: ['/orchestration'],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name':
          convertLegacyRouteRef(entityRouteRef),
      },
    });
    expect(
      await screen.findByRole('tab', { name: 'Services' }, { timeout: 15_000 }),
    ).toBeInTheDocument();
  });
});
