/**
 * The app's first script, kept small (the api client and the feature list, no React, antd or
 * AG Grid): it sends the first screen's reads and starts loading its page before the rest of the
 * app is fetched and compiled, then mounts the app (app-root.tsx). The answers wait in the client
 * for the hooks that ask for them (api/client.ts, requestEarly).
 */
import { antdStylesheetLoaded } from './antd-stylesheet';
import { requestEarly } from './api/client';
import { pageFromHash } from './shell/registry';
import { installShippedFonts } from './shipped-fonts';
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
  // A failure is shown by the page that needs the sheet, which asks again.
  const loadStyles = () => {
    void antdStylesheetLoaded().catch(() => {});
    installShippedFonts();
  };
  if ('requestIdleCallback' in window) requestIdleCallback(loadStyles, { timeout: 3000 });
  else setTimeout(loadStyles, 1000);
}, showStartFailure);

/**
 * The app's own code could not load (the web host was rebuilt under an open window, a file is
 * missing): said in plain markup, since nothing else of the app is there to say it.
 */
function showStartFailure(error: unknown): void {
  console.error(error);
  const root = document.getElementById('root')!;
  const box = document.createElement('div');
  box.className = 'pd-page-failed';
  box.setAttribute('role', 'alert');
  const title = document.createElement('div');
  title.className = 'pd-page-failed-title';
  title.textContent = '计划工作台未能启动，请重新加载。/ PlanDesk could not start; reload the window.';
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.textContent = '重新加载 / Reload';
  reload.addEventListener('click', () => window.location.reload());
  box.append(title, reload);
  root.replaceChildren(box);
}
