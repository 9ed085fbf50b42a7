/**
 * The app's first script, kept small (the api client and the feature list, no React, antd or
 * AG Grid): it sends the first screen's reads and starts loading its page before the rest of the
 * app is fetched and compiled, then mounts the app (app-root.tsx). The answers wait in the client
 * for the hooks that ask for them (api/client.ts, requestEarly).
 */
import { antdStylesheetLoaded } from './antd-stylesheet';
import { requestEarly } from './api/client';
import { pageFromHash } from './shell/registry';
import './styles.css';

const firstPage = pageFromHash();
// The header shows the workspace on every page.
void requestEarly('workspace/get-info', {}).catch(() => {
  // The header's own query shows the failure.
});
void firstPage.firstRequests?.(requestEarly).catch(() => {
  // The page's hooks ask again and show the failure.
});
void firstPage.preload().catch(() => {
  // The page shows the failure when it renders.
});
void import('./app-root').then(({ mountApp }) => {
  mountApp();
  // antd's full stylesheet once the first screen is drawn, not before: its parse would delay it.
  // Other pages wait for it (PageContent); the start page's antd styles are inlined.
  const loadStyles = () => void antdStylesheetLoaded();
  if ('requestIdleCallback' in window) requestIdleCallback(loadStyles, { timeout: 3000 });
  else setTimeout(loadStyles, 1000);
});
