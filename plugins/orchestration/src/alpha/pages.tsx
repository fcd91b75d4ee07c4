import { Content } from '@backstage/core-components';
import { PageBlueprint } from '@backstage/frontend-plugin-api';
import DeviceHubIcon from '@material-ui/icons/DeviceHub';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { rootRouteRef } from '../routes';
import { orchestrationTranslationRef } from '../translation';

/**
 * The review dashboard at `/orchestration`, with its sidebar entry.
 *
 * @alpha
 */
export const orchestrationPage = PageBlueprint.make({
  params: {
    path: '/orchestration',
    title: orchestrationTranslationRef('titles.page'),
    icon: <DeviceHubIcon fontSize="small" />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('../components/OrchestrationReviewPage').then(m => (
        <Content>
          <m.OrchestrationDashboard />
        </Content>
      )),
  },
});
