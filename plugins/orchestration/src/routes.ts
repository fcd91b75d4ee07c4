import { createRouteRef } from '@backstage/core-plugin-api';

/** The route of the review dashboard. */
export const rootRouteRef = createRouteRef({ id: 'orchestration' });
