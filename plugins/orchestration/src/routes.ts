import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The route of the review dashboard.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'orchestration' });
