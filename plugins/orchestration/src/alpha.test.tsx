import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  coreExtensionData,
  TranslationApi,
  translationApiRef,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
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
import { orchestrationTranslationRef } from './translation';

jest.setTimeout(30_000);

/** The translation API the app gives the extensions, with the default messages. */
const apis = [mockApis.translation()] as const;

/** A translation API where the app overrides some Orchestration messages. */
function overriding(messages: Record<string, string>): TranslationApi {
  const base = mockApis.translation();
  return {
    getTranslation(ref) {
      const snapshot = base.getTranslation(ref);
      if (ref.id !== orchestrationTranslationRef.id) return snapshot;
      const t = ((key: string, options?: unknown) =>
        key in messages
          ? messages[key]
          : (snapshot.t as (k: string, o?: unknown) => string)(
              key,
              options,
            )) as unknown as typeof snapshot.t;
      return { ready: true, t };
    },
    translation$(ref) {
      return base.translation$(ref);
    },
  };
}

describe('orchestration /alpha', () => {
  it('is the orchestration plugin', () => {
    expect(orchestrationPlugin.pluginId).toBe('orchestration');
  });

  it('mounts the dashboard at /orchestration with a title and icon for the sidebar', () => {
    const tester = createExtensionTester(orchestrationPage, { apis });
    expect(tester.get(coreExtensionData.routePath)).toBe('/orchestration');
    expect(tester.get(coreExtensionData.title)).toBe('Orchestration');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
  });

  it('titles the page and the entity tab through the translation ref', () => {
    const translationApi = overriding({
      'titles.page': 'Orchestrierung',
      'titles.entityTab': 'Betrieb',
    });
    const page = createExtensionTester(orchestrationPage, {
      apis: [[translationApiRef, translationApi]],
    });
    expect(page.get(coreExtensionData.title)).toBe('Orchestrierung');
    expect(page.get(coreExtensionData.titleTranslation)).toMatchObject({
      ref: orchestrationTranslationRef,
      key: 'titles.page',
    });
    const tab = createExtensionTester(orchestrationEntityContent, {
      apis: [[translationApiRef, translationApi]],
    });
    expect(tab.get(EntityContentBlueprint.dataRefs.title)).toBe('Betrieb');
    // The entity page translates the tab again when the language changes.
    expect(tab.get(EntityContentBlueprint.dataRefs.titleTranslation)).toEqual(
      orchestrationTranslationRef('titles.entityTab'),
    );
  });

  it('offers the entity tab on annotated Components and cluster Resources only', () => {
    const tester = createExtensionTester(orchestrationEntityContent, { apis });
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
