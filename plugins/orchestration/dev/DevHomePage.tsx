import {
  Content,
  Header,
  InfoCard,
  Link,
  Page,
} from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/frontend-plugin-api';
import Grid from '@material-ui/core/Grid';
import MuiLink from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { DataSource, switchDataSourceHref } from './dataSource';
import { recordedAt } from './fixtures';

/** The views of the plugin, on entities of the example catalog (examples/). */
export const devViews: { title: string; path: string; what: string }[] = [
  {
    title: 'Review dashboard',
    path: '/orchestration',
    what: 'counts, migration candidates, critical obligations and the table',
  },
  {
    title: 'Clusters view',
    path: '/orchestration?view=clusters',
    what: 'every kubernetes-cluster Resource with its obligations and facts',
  },
  {
    title: 'content-api: Orchestration tab',
    path: '/catalog/default/component/content-api/orchestration',
    what: 'the tab of an annotated Component',
  },
  {
    title: 'content-api: overview card',
    path: '/catalog/default/component/content-api',
    what: 'the card on the overview of an annotated Component',
  },
  {
    title: 'prod-kops: cluster tab',
    path: '/catalog/default/resource/prod-kops/orchestration',
    what: 'the tab of a self-managed kubernetes-cluster Resource',
  },
  {
    title: 'platform: roll-up tab',
    path: '/catalog/default/group/platform/orchestration',
    what: 'the services of a Group and the Groups below it',
  },
  {
    title: 'content: roll-up card',
    path: '/catalog/default/system/content',
    what: 'the card on the overview of a System',
  },
  {
    title: 'docs-website: get started',
    path: '/catalog/default/component/docs-website/orchestration',
    what: 'the tab of a Component without orchestration.io/ annotations',
  },
];

/** The start page of the dev app. */
export function DevHomePage(props: { dataSource: DataSource }) {
  const { dataSource } = props;
  const backend = useApi(configApiRef).getString('backend.baseUrl');
  const other: DataSource = dataSource === 'backend' ? 'fixtures' : 'backend';
  return (
    <Page themeId="tool">
      <Header
        title="Orchestration plugin: dev harness"
        subtitle={
          dataSource === 'backend'
            ? `Data from the backend at ${backend}, signed in as its guest user`
            : `Data from the fixtures recorded on ${recordedAt}`
        }
      />
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12} md={6}>
            <InfoCard title="Views">
              <ul>
                {devViews.map(view => (
                  <li key={view.path}>
                    <Typography variant="body1">
                      <Link to={view.path}>{view.title}</Link>: {view.what}
                    </Typography>
                  </li>
                ))}
              </ul>
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={6}>
            <InfoCard title="Data source">
              <Typography variant="body1" paragraph>
                {dataSource === 'backend'
                  ? `The backend at ${backend} (backend.baseUrl of the config). Start it with yarn start at the root of the repository.`
                  : 'Answers recorded from a running backend (dev/fixtures, yarn fixtures:capture). They are read-only: the what-if and recording a review need the backend.'}
              </Typography>
              <Typography variant="body1">
                {/* A reload: the data source is chosen when the app loads. */}
                <MuiLink href={switchDataSourceHref(other)} underline="always">
                  {other === 'backend'
                    ? 'Switch to the backend'
                    : 'Switch to the recorded fixtures'}
                </MuiLink>{' '}
                (<code>?data={other}</code>; the choice is kept for this browser
                tab).
              </Typography>
            </InfoCard>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}

/** Why signing in on the backend failed, and the way out. */
export function SignInError(props: { error?: Error }) {
  const backend = useApi(configApiRef).getString('backend.baseUrl');
  return (
    <Page themeId="home">
      <Header title="Orchestration plugin: dev harness" />
      <Content>
        <InfoCard title="Could not sign in on the backend">
          <Typography variant="body1" paragraph>
            Signing in as the guest user at {backend} failed:{' '}
            {props.error?.message ?? 'no answer'}.
          </Typography>
          <Typography variant="body1" paragraph>
            Start the backend (yarn start at the root of the repository) and
            reload, or use the recorded fixtures:{' '}
            <MuiLink href={switchDataSourceHref('fixtures')} underline="always">
              ?data=fixtures
            </MuiLink>
            .
          </Typography>
        </InfoCard>
      </Content>
    </Page>
  );
}
