import { Entity } from '@backstage/catalog-model';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { ReactElement } from 'react';
import { OrchestrationApi, orchestrationApiRef } from '../api';
import { rootRouteRef } from '../routes';

/** Renders an element in a test app with a fake Orchestration API. */
export function renderWithApi(
  element: ReactElement,
  options: {
    api: OrchestrationApi;
    entity?: Entity;
    allowReview?: boolean;
    routeEntries?: string[];
    /** The catalog; by default an empty one. */
    catalogApi?: typeof catalogApiRef.T;
  },
) {
  const permissionApi = mockApis.permission({
    authorize:
      options.allowReview === false
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
  });
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [orchestrationApiRef, options.api],
        [permissionApiRef, permissionApi],
        [catalogApiRef, options.catalogApi ?? catalogApiMock()],
      ]}
    >
      {options.entity ? (
        <EntityProvider entity={options.entity}>{element}</EntityProvider>
      ) : (
        element
      )}
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/orchestration': rootRouteRef,
      },
      routeEntries: options.routeEntries,
    },
  );
}
