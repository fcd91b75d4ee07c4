import { Content, Header, Page } from '@backstage/core-components';
import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { useCallback, useMemo } from 'react';
import { useTexts } from '../shared';
import { ClustersView } from './ClustersView';
import { queryFromSearchParams } from './query';
import { ServicesView } from './ServicesView';

/** The views of the dashboard, for a page that has its own `<main>`. */
function DashboardViews() {
  const { t } = useTexts();
  const [params, setParams] = useAppSearchParams();
  const view = params.get('view') === 'clusters' ? 'clusters' : 'services';
  const query = useMemo(() => queryFromSearchParams(params), [params]);

  // Several parameters change in one update: successive updates in one
  // event would each start from the same, older parameters.
  const setParamsTogether = useCallback(
    (changes: Record<string, string | null>, keepCursor?: boolean) =>
      setParams(
        previous => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null || value === '') next.delete(key);
            else next.set(key, value);
          }
          if (!keepCursor && !('cursor' in changes)) next.delete('cursor');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const setParam = useCallback(
    (key: string, value: string | null, keepCursor?: boolean) =>
      setParamsTogether({ [key]: value }, keepCursor),
    [setParamsTogether],
  );

  const clear = useCallback(
    () =>
      setParams(previous => {
        const next = new URLSearchParams();
        const v = previous.get('view');
        if (v) next.set('view', v);
        return next;
      }),
    [setParams],
  );

  return (
    <>
      <Tabs
        value={view}
        onChange={(_, value) =>
          setParam('view', value === 'services' ? null : value)
        }
        indicatorColor="primary"
        aria-label={t('dashboard.views')}
      >
        <Tab value="services" label={t('dashboard.services')} />
        <Tab value="clusters" label={t('dashboard.clusters')} />
      </Tabs>
      <Box mt={2}>
        {view === 'clusters' ? (
          <ClustersView />
        ) : (
          <ServicesView
            params={params}
            query={query}
            setParam={setParam}
            setParams={setParamsTogether}
            clear={clear}
          />
        )}
      </Box>
    </>
  );
}

/**
 * The review dashboard without a page header: services by platform,
 * migration candidates, obligations and the clusters, in the page's `<main>`
 * landmark.
 *
 * @public
 */
export function OrchestrationDashboard() {
  return (
    <Box component="main">
      <DashboardViews />
    </Box>
  );
}

/**
 * The review dashboard as a full page, for apps on the legacy frontend
 * system.
 *
 * @public
 */
export function OrchestrationReviewPage() {
  const { t } = useTexts();
  return (
    <Page themeId="tool">
      <Header title={t('dashboard.title')} subtitle={t('dashboard.subtitle')} />
      {/* Page is the <main> landmark here. */}
      <Content>
        <DashboardViews />
      </Content>
    </Page>
  );
}
