import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import type { JSX } from 'react';
import { orchestrationApiRef, OrchestrationClient } from './api';
import type { EntityOrchestrationGetStartedContentProps } from './components/GetStarted';
import { rootRouteRef } from './routes';

/**
 * The Orchestration plugin for apps on the legacy frontend system.
 *
 * Its extensions carry no titles: a legacy app names the tab
 * (`EntityLayout.Route title`) and the sidebar item itself, so it translates
 * them as it translates its own texts. What the extensions show goes through
 * `orchestrationTranslationRef`.
 *
 * @public
 */
export const orchestrationPlugin = createPlugin({
  id: 'orchestration',
  apis: [
    createApiFactory({
      api: orchestrationApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new OrchestrationClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef },
});

/**
 * The review dashboard page.
 *
 * @public
 */
export const OrchestrationReviewPage: () => JSX.Element =
  orchestrationPlugin.provide(
    createRoutableExtension({
      name: 'OrchestrationReviewPage',
      component: () =>
        import('./components/OrchestrationReviewPage').then(
          m => m.OrchestrationReviewPage,
        ),
      mountPoint: rootRouteRef,
    }),
  );

/**
 * The Orchestration tab of an entity page.
 *
 * @public
 */
export const EntityOrchestrationContent: () => JSX.Element =
  orchestrationPlugin.provide(
    createComponentExtension({
      name: 'EntityOrchestrationContent',
      component: {
        lazy: () =>
          import('./components/EntityOrchestrationContent').then(
            m => m.EntityOrchestrationContent,
          ),
      },
    }),
  );

/**
 * The Orchestration overview card of an entity page.
 *
 * @public
 */
export const EntityOrchestrationCard: () => JSX.Element =
  orchestrationPlugin.provide(
    createComponentExtension({
      name: 'EntityOrchestrationCard',
      component: {
        lazy: () =>
          import('./components/EntityOrchestrationCard').then(
            m => m.EntityOrchestrationCard,
          ),
      },
    }),
  );

/**
 * The Orchestration tab of a Component without orchestration annotations:
 * starter annotations to copy, prefilled from the catalog, and what each key
 * means. Show it where {@link isOrchestrationGetStartedAvailable} holds.
 *
 * @public
 */
export const EntityOrchestrationGetStartedContent: (
  props: EntityOrchestrationGetStartedContentProps,
) => JSX.Element = orchestrationPlugin.provide(
  createComponentExtension({
    name: 'EntityOrchestrationGetStartedContent',
    component: {
      lazy: () =>
        import('./components/GetStarted').then(
          m => m.EntityOrchestrationGetStartedContent,
        ),
    },
  }),
);

/**
 * The overview card of a Component without orchestration annotations: that it
 * is not assessed, and a link to get started.
 *
 * @public
 */
export const EntityOrchestrationGetStartedCard: () => JSX.Element =
  orchestrationPlugin.provide(
    createComponentExtension({
      name: 'EntityOrchestrationGetStartedCard',
      component: {
        lazy: () =>
          import('./components/GetStarted').then(
            m => m.EntityOrchestrationGetStartedCard,
          ),
      },
    }),
  );

/**
 * The Orchestration tab of a Group or System: its services (for a Group,
 * also those of the Groups below it) by current and recommended platform,
 * open migrations with the decision in force, the most urgent obligations
 * and the coverage. Show it where {@link isOrchestrationRollupAvailable} holds.
 *
 * @public
 */
export const EntityOrchestrationRollupContent: () => JSX.Element | null =
  orchestrationPlugin.provide(
    createComponentExtension({
      name: 'EntityOrchestrationRollupContent',
      component: {
        lazy: () =>
          import('./components/EntityOrchestrationRollup').then(
            m => m.EntityOrchestrationRollupContent,
          ),
      },
    }),
  );

/**
 * The Orchestration card of a Group or System page: totals, the first open
 * migrations and most urgent obligations, and a link to the tab.
 *
 * @public
 */
export const EntityOrchestrationRollupCard: () => JSX.Element =
  orchestrationPlugin.provide(
    createComponentExtension({
      name: 'EntityOrchestrationRollupCard',
      component: {
        lazy: () =>
          import('./components/EntityOrchestrationRollup').then(
            m => m.EntityOrchestrationRollupCard,
          ),
      },
    }),
  );
