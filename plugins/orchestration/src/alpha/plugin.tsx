import { convertLegacyRouteRefs } from '@backstage/core-compat-api';
import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import DeviceHubIcon from '@material-ui/icons/DeviceHub';
import { rootRouteRef } from '../routes';
import { orchestrationApi } from './apis';
import {
  orchestrationEntityCard,
  orchestrationGetStartedEntityCard,
  orchestrationRollupEntityCard,
} from './entityCards';
import {
  orchestrationEntityContent,
  orchestrationGetStartedEntityContent,
  orchestrationRollupEntityContent,
} from './entityContent';
import { orchestrationPage } from './pages';

/**
 * The Orchestration plugin for the new frontend system.
 *
 * @alpha
 */
export const orchestrationPlugin = createFrontendPlugin({
  pluginId: 'orchestration',
  title: 'Orchestration',
  icon: <DeviceHubIcon fontSize="small" />,
  info: { packageJson: () => import('../../package.json') },
  extensions: [
    orchestrationApi,
    orchestrationPage,
    orchestrationEntityContent,
    orchestrationGetStartedEntityContent,
    orchestrationEntityCard,
    orchestrationGetStartedEntityCard,
    orchestrationRollupEntityContent,
    orchestrationRollupEntityCard,
  ],
  routes: convertLegacyRouteRefs({ root: rootRouteRef }),
});
