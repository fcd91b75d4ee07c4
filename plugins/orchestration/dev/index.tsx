import ReactDOM from 'react-dom/client';
// The dev app is an app, as packages/app is, and not part of the published package.
// eslint-disable-next-line @backstage/no-ui-css-imports-in-non-frontend
import '@backstage/ui/css/styles.css';
import { createDevApp } from './devApp';
import { readDataSource } from './dataSource';

const dataSource = readDataSource(
  window.location.search,
  window.sessionStorage,
);

ReactDOM.createRoot(document.getElementById('root')!).render(
  createDevApp(dataSource).createRoot(),
);
