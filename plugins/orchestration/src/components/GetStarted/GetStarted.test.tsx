import { Entity } from '@backstage/catalog-model';
import {
  TranslationApi,
  translationApiRef,
} from '@backstage/frontend-plugin-api';
import { TestApiProvider } from '@backstage/test-utils';
import { MockTranslationApi } from '@backstage/test-utils/alpha';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import { parseComponentAnnotations } from '@orchestration/plugin-orchestration-common';
import { parse } from 'yaml';
import {
  contentApi,
  eventsKafka,
  fakeApi,
  notAnnotated,
  prodKops,
} from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { orchestrationTranslationRef } from '../../translation';
import {
  isOrchestrationGetStartedAvailable,
  ORCHESTRATION_DOCS_URL,
} from './conditions';
import {
  EntityOrchestrationGetStartedCard,
  EntityOrchestrationGetStartedContent,
} from './GetStarted';

jest.setTimeout(30_000);

const storefront: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'storefront', namespace: 'default' },
  spec: {
    type: 'website',
    lifecycle: 'production',
    owner: 'group:default/commerce',
    system: 'shop',
  },
};

/** The text of the YAML block to copy. */
async function yamlBlock(name = 'Starter annotations for catalog-info.yaml') {
  const group = await screen.findByRole('group', { name }, { timeout: 10_000 });
  return group.textContent ?? '';
}

/**
 * A translation API with some Orchestration messages overridden, as an app
 * does with `createTranslationMessages`: the others keep their default.
 */
function overriding(messages: Record<string, string>): TranslationApi {
  const base = MockTranslationApi.create();
  return {
    getTranslation(ref) {
      const snapshot = base.getTranslation(ref);
      if (ref.id !== orchestrationTranslationRef.id) return snapshot;
      const t = ((key: string, options?: Record<string, unknown>) =>
        key in messages
          ? messages[key].replace(/\{\{(\w+)\}\}/g, (_, name) =>
              String(options?.[name] ?? ''),
            )
          : (snapshot.t as (k: string, o?: unknown) => unknown)(
              key,
              options,
            )) as unknown as typeof snapshot.t;
      return { ready: true, t };
    },
    translation$() {
      return base.translation$();
    },
  };
}

describe('Get started', () => {
  it('applies to Components without orchestration annotations only', () => {
    expect(isOrchestrationGetStartedAvailable(notAnnotated)).toBe(true);
    expect(isOrchestrationGetStartedAvailable(storefront)).toBe(true);
    expect(isOrchestrationGetStartedAvailable(contentApi)).toBe(false);
    expect(isOrchestrationGetStartedAvailable(prodKops)).toBe(false);
  });

  it('offers starter annotations to copy that the parser reads without a problem', async () => {
    await renderWithApi(<EntityOrchestrationGetStartedContent />, {
      api: fakeApi(),
      entity: storefront,
    });
    expect(
      await screen.findByRole(
        'heading',
        { level: 2, name: 'Get started with Orchestration' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    const text = await yamlBlock();
    const annotations = parse(text).metadata.annotations;
    expect(annotations).toEqual({
      'orchestration.io/workload-type': 'web-service',
    });
    expect(parseComponentAnnotations(annotations).problems).toEqual([]);
    expect(text).toContain("orchestration.io/workload-type: 'web-service'\n");
    expect(screen.getByRole('table')).toHaveTextContent('spec.type is website');
    expect(screen.getByRole('button', { name: /copy/i })).toBeInTheDocument();
  });

  it('explains every key and links to the annotation reference', async () => {
    await renderWithApi(<EntityOrchestrationGetStartedContent />, {
      api: fakeApi(),
      entity: storefront,
    });
    const table = await screen.findByRole(
      'table',
      { name: 'Orchestration annotation keys' },
      { timeout: 10_000 },
    );
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(9);
    expect(
      within(table).getByRole('rowheader', {
        name: 'orchestration.io/workload-type',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /^the annotation reference/ }),
    ).toHaveAttribute('href', ORCHESTRATION_DOCS_URL);
  });

  it('names the owner and System by their short names, as links', async () => {
    await renderWithApi(<EntityOrchestrationGetStartedContent />, {
      api: fakeApi(),
      entity: storefront,
    });
    expect(
      await screen.findByRole(
        'link',
        { name: 'commerce' },
        { timeout: 10_000 },
      ),
    ).toHaveAttribute('href', '/catalog/default/group/commerce');
    expect(screen.getByRole('link', { name: 'shop' })).toHaveAttribute(
      'href',
      '/catalog/default/system/shop',
    );
  });

  it('proposes the values the annotated services of its System agree on', async () => {
    const sibling: Entity = {
      ...eventsKafka,
      metadata: {
        ...eventsKafka.metadata,
        name: 'cart',
        annotations: {
          'orchestration.io/workload-type': 'api',
          'orchestration.io/portability': 'aws-only',
          'orchestration.io/current-platform': 'eks',
          'orchestration.io/cluster': 'prod-eks',
        },
      },
    };
    const catalogApi = catalogApiMock.mock({
      getEntities: jest.fn(async () => ({
        items: [sibling, notAnnotated, storefront],
      })),
    });
    await renderWithApi(<EntityOrchestrationGetStartedContent />, {
      api: fakeApi(),
      entity: storefront,
      catalogApi,
    });
    const text = await yamlBlock();
    expect(catalogApi.getEntities).toHaveBeenCalledWith(
      expect.objectContaining({
        filter: {
          kind: 'component',
          'relations.partOf': 'system:default/shop',
        },
      }),
    );
    expect(parse(text).metadata.annotations).toEqual({
      'orchestration.io/workload-type': 'web-service',
      'orchestration.io/portability': 'aws-only',
      'orchestration.io/current-platform': 'eks',
      'orchestration.io/cluster': 'prod-eks',
    });
    expect(screen.getByTestId('get-started-peers')).toHaveTextContent(
      '1 annotated service of system shop',
    );
  });

  it('still offers the block when the catalog cannot be read', async () => {
    const catalogApi = catalogApiMock.mock({
      getEntities: jest.fn(async () => {
        throw new Error('Catalog unavailable');
      }),
    });
    await renderWithApi(<EntityOrchestrationGetStartedContent />, {
      api: fakeApi(),
      entity: storefront,
      catalogApi,
    });
    expect(await yamlBlock()).toContain('orchestration.io/workload-type');
    expect(screen.getByRole('note')).toHaveTextContent('Catalog unavailable');
  });

  it('has a card saying it is not assessed, with a link to the tab', async () => {
    await renderWithApi(<EntityOrchestrationGetStartedCard />, {
      api: fakeApi(),
      entity: storefront,
    });
    expect(
      await screen.findByText(/Not assessed yet/, {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(screen.getByText('web-service')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Get started/ })).toHaveAttribute(
      'href',
      '/catalog/default/component/storefront/orchestration',
    );
  });
});

describe('Get started in other words', () => {
  const library: Entity = {
    ...storefront,
    metadata: { name: 'pdf-kit', namespace: 'default' },
    spec: { ...storefront.spec, type: 'library' },
  };
  const translationApi = overriding({
    'getStarted.title': 'Erste Schritte mit Orchestration',
    'getStarted.blockLabel': 'Start-Annotationen für catalog-info.yaml',
    'getStarted.keys.tableLabel': 'Annotationsschlüssel',
    'getStarted.keys.columns.meaning': 'Bedeutung',
    'getStarted.meanings.workloadType': 'Die Art der Arbeitslast.',
    'getStarted.sources.guessType': 'geraten: spec.type {{type}} sagt es nicht',
    'getStarted.catalog.noPeers':
      'Kein annotierter Dienst teilt System oder Besitzer.',
    'getStarted.card.deepLink': 'Loslegen',
  });

  it('shows the messages an app overrides on the tab; the block to copy stays code', async () => {
    await renderWithApi(
      <TestApiProvider apis={[[translationApiRef, translationApi]]}>
        <EntityOrchestrationGetStartedContent />
      </TestApiProvider>,
      { api: fakeApi(), entity: library },
    );
    expect(
      await screen.findByRole(
        'heading',
        { level: 2, name: 'Erste Schritte mit Orchestration' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Annotationsschlüssel' });
    expect(
      within(table).getByRole('columnheader', { name: 'Bedeutung' }),
    ).toBeInTheDocument();
    const workload = within(table)
      .getByRole('rowheader', { name: 'orchestration.io/workload-type' })
      .closest('tr')!;
    expect(workload).toHaveTextContent('Die Art der Arbeitslast.');
    expect(workload).toHaveTextContent(
      'geraten: spec.type library sagt es nicht',
    );
    expect(screen.getByTestId('get-started-peers')).toHaveTextContent(
      'Kein annotierter Dienst teilt System oder Besitzer.',
    );
    // The messages not overridden keep their default.
    expect(
      screen.getByRole('heading', { name: 'What the catalog already says' }),
    ).toBeInTheDocument();
    // The block is code for catalog-info.yaml: its comments stay English.
    const text = await yamlBlock('Start-Annotationen für catalog-info.yaml');
    expect(text).toContain(
      "    orchestration.io/workload-type: 'web-service' # a guess, check it\n",
    );
  });

  it('shows the messages an app overrides on the card', async () => {
    await renderWithApi(
      <TestApiProvider apis={[[translationApiRef, translationApi]]}>
        <EntityOrchestrationGetStartedCard />
      </TestApiProvider>,
      { api: fakeApi(), entity: library },
    );
    expect(
      await screen.findByRole(
        'link',
        { name: /Loslegen/ },
        { timeout: 10_000 },
      ),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/pdf-kit/orchestration',
    );
  });
});
