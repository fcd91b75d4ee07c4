import { ConfigReader, defaultConfigLoader } from '@backstage/core-app-api';
import { ProxiedSignInPage } from '@backstage/core-components';
import { createApp } from '@backstage/frontend-defaults';
import {
  ApiBlueprint,
  FrontendFeature,
  PageBlueprint,
  createFrontendModule,
  createFrontendPlugin,
  discoveryApiRef,
} from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import DeveloperModeIcon from '@material-ui/icons/DeveloperMode';
import { useEffect } from 'react';
import orchestrationPlugin from '../src/alpha';
import { OrchestrationClient, orchestrationApiRef } from '../src/api';
import { DataSource } from './dataSource';
import { DevHomePage, SignInError } from './DevHomePage';
import {
  RecordedFetchApi,
  RecordedPermissionApi,
  recordedCatalogApi,
  recordedIdentityApi,
  recordedOrchestration,
} from './fixtures';

/** The dev app's start page: what it shows, where its data comes from, how to switch. */
const devPlugin = (dataSource: DataSource) =>
  createFrontendPlugin({
    pluginId: 'orchestration-dev',
    extensions: [
      PageBlueprint.make({
        params: {
          path: '/',
          title: 'Dev harness',
          icon: <DeveloperModeIcon fontSize="small" />,
          loader: async () => <DevHomePage dataSource={dataSource} />,
        },
      }),
    ],
  });

/**
 * On the backend: signs in as its guest user at once (the backend's guest
 * provider), so the plugin's authenticated routes answer.
 */
const backendModules = [
  createFrontendModule({
    pluginId: 'app',
    extensions: [
      SignInPageBlueprint.make({
        params: {
          loader: async () => props =>
            (
              <ProxiedSignInPage
                {...props}
                provider="guest"
                ErrorComponent={SignInError}
              />
            ),
        },
      }),
    ],
  }),
];

/** Signs in as the guest user the fixtures were recorded for. */
function FixtureSignIn(props: {
  onSignInSuccess(identity: typeof recordedIdentityApi): void;
}) {
  const { onSignInSuccess } = props;
  useEffect(() => onSignInSuccess(recordedIdentityApi), [onSignInSuccess]);
  return null;
}

/**
 * On the fixtures: the plugin's client on the recorded answers, the catalog
 * and the permission decisions as recorded, and the recorded guest identity.
 */
const fixtureModules = [
  createFrontendModule({
    pluginId: 'orchestration',
    extensions: [
      ApiBlueprint.make({
        params: defineParams =>
          defineParams({
            api: orchestrationApiRef,
            deps: { discoveryApi: discoveryApiRef },
            factory: ({ discoveryApi }) =>
              new OrchestrationClient({
                discoveryApi,
                fetchApi: new RecordedFetchApi(
                  recordedOrchestration,
                  '/api/orchestration',
                ),
              }),
          }),
      }),
    ],
  }),
  createFrontendModule({
    pluginId: 'catalog',
    extensions: [
      ApiBlueprint.make({
        params: defineParams =>
          defineParams({
            api: catalogApiRef,
            deps: {},
            factory: () => recordedCatalogApi(),
          }),
      }),
    ],
  }),
  createFrontendModule({
    pluginId: 'app',
    extensions: [
      ApiBlueprint.make({
        name: 'permission',
        params: defineParams =>
          defineParams({
            api: permissionApiRef,
            deps: {},
            factory: () => new RecordedPermissionApi(),
          }),
      }),
    ],
  }),
];

const fixtureSignIn = createFrontendModule({
  pluginId: 'app',
  extensions: [
    SignInPageBlueprint.make({
      params: { loader: async () => FixtureSignIn },
    }),
  ],
});

/**
 * The features of the dev app: the catalog (its entity pages carry the
 * plugin's tab and card as in an app), the plugin, the start page, and the
 * data source's modules. Without `signIn` it has no sign-in page, for a test
 * app that signs in itself.
 */
export function devFeatures(
  dataSource: DataSource,
  options: { signIn: boolean } = { signIn: true },
): FrontendFeature[] {
  const signIn = dataSource === 'fixtures' ? [fixtureSignIn] : backendModules;
  return [
    catalogPlugin,
    orchestrationPlugin,
    devPlugin(dataSource),
    ...(dataSource === 'fixtures' ? fixtureModules : []),
    ...(options.signIn ? signIn : []),
  ];
}

/**
 * The dev app's own app settings over the repository's config (whose
 * `app.extensions` are the app's): its title, and the catalog at /catalog.
 */
export const devAppConfig = {
  app: { title: 'Orchestration plugin (dev)', extensions: [] },
};

/**
 * The dev app of the plugin on the data source: an app of the new frontend
 * system made as packages/app makes it (`createApp` of
 * `@backstage/frontend-defaults`), with the features above. The dev-utils
 * packages are not used: the registry's `@backstage/dev-utils` and
 * `@backstage/frontend-dev-utils` are built on the previous release line
 * (frontend-plugin-api 0.18, plugin-catalog-react 3) and would bring a second
 * copy of those into the app.
 */
export function createDevApp(dataSource: DataSource) {
  return createApp({
    features: devFeatures(dataSource),
    advanced: {
      configLoader: async () => ({
        config: ConfigReader.fromConfigs([
          ...(await defaultConfigLoader()),
          { context: 'dev', data: devAppConfig },
        ]),
      }),
    },
  });
}
