/**
 * In a build, antd's styles are made at build time (shell/antd-static-styles.tsx): the first
 * screen's are inlined in index.html, all of them are a stylesheet that index.html names in a
 * meta tag of this name (electron.vite.config.ts). Linked in the page, that stylesheet would hold
 * back the first script until parsed; this links it when asked.
 */
export const ANTD_STYLESHEET_META = 'plandesk-antd-stylesheet';

let loading: Promise<void> | null = null;
let loaded = false;

/** Whether a page may render antd components the first screen's styles do not cover. */
export function antdStylesheetReady(): boolean {
  return loaded || document.querySelector(`meta[name="${ANTD_STYLESHEET_META}"]`) === null;
}

/**
 * Links antd's full stylesheet ahead of the app's own styles (so the app's rules win where both
 * apply) once, and resolves when it has loaded (rejects when it could not: a page must not render
 * unstyled, and asking again retries); at once where there is none (the development server, where
 * antd generates its styles itself).
 */
export function antdStylesheetLoaded(): Promise<void> {
  return (loading ??= linkStylesheet().then(
    () => {
      loaded = true;
    },
    (error: unknown) => {
      // Not kept: the page that waited shows the failure, and its retry links the sheet again.
      loading = null;
      throw error;
    },
  ));
}

function linkStylesheet(): Promise<void> {
  const href = document.querySelector<HTMLMetaElement>(`meta[name="${ANTD_STYLESHEET_META}"]`)?.content;
  if (!href) return Promise.resolve();
  const sheet = document.createElement('link');
  sheet.rel = 'stylesheet';
  sheet.href = href;
  const loaded = new Promise<void>((resolve, reject) => {
    sheet.addEventListener('load', () => resolve());
    sheet.addEventListener('error', () => {
      sheet.remove();
      reject(new Error(`antd stylesheet ${href} did not load`));
    });
  });
  const appStylesheet = document.head.querySelector('link[rel="stylesheet"]');
  document.head.insertBefore(sheet, appStylesheet);
  return loaded;
}
