/*
 * The browser side of ui-graph: a Backstage app (app-defaults' createApp,
 * with its default APIs) holding the Slipway frontend plugin, whose
 * ResourceGraph reads the tree through the plugin's own SlipwayClient from
 * the backend that serves this page. Nothing in the component is replaced.
 */
import { createRoot } from 'react-dom/client';
import { createApp } from '@backstage/app-defaults';
import { AppRouter } from '@backstage/core-app-api';
import { slipwayPlugin } from '../../plugins/slipway/src/plugin';
import { ResourceGraph } from '../../plugins/slipway/src/components/ResourceGraph';

declare global {
  interface Window {
    slipwayBench: { entityRef: string; name: string };
  }
}

const { entityRef, name } = window.slipwayBench;
const origin = window.location.origin;
const app = createApp({
  plugins: [slipwayPlugin],
  configLoader: async () => [
    { context: 'ui-graph', data: { app: { baseUrl: origin, title: 'ui-graph' }, backend: { baseUrl: origin } } },
  ],
});
const App = app.createRoot(
  <AppRouter>
    <ResourceGraph application={{ entityRef, name, health: 'Healthy', sync: 'Synced' }} />
  </AppRouter>,
);

createRoot(document.getElementById('root')!).render(<App />);
