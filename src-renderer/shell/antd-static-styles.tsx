/**
 * antd's styles made at build time, so that the browser never generates them. antd writes each
 * component's CSS from its design tokens the first time the component renders (CSS-in-JS); on the
 * first screen that cost as much as evaluating the grid library. The build
 * (electron.vite.config.ts) renders antd's components in Node with the app's theme through antd's
 * own extractor, and a build runs antd with `zeroRuntime` (app-root.tsx), which skips the
 * per-component style hooks altogether. Two outputs:
 * - the first screen's components (the shell and the start page), inlined in index.html;
 * - every antd component, a stylesheet linked once the first screen is drawn (antd-stylesheet.ts)
 *   and awaited by every other page before it renders. Every component, not only those the app
 *   imports: components render others inside them (a Table its Pagination, a Tabs its Dropdown),
 *   and a component left out would show unstyled.
 */
import { extractStyle } from '@ant-design/static-style-extract';
import { ConfigProvider } from 'antd';
import type { ReactElement } from 'react';
import { APP_THEME } from '../theme';

/**
 * The antd components the shell and the start page (年度目标) render before its grid is drawn,
 * by export name; `message` for the toasts (toasts.tsx). What loads after the grid (its chart
 * panel) waits for the full stylesheet. A unit test checks the list against their imports.
 */
export const FIRST_SCREEN_ANTD_COMPONENTS = ['ConfigProvider', 'Empty', 'message'] as const;

/** The CSS (plain text) of the given antd components with the app's theme; all of them by default. */
export function antdStaticStyles(components?: readonly string[]): string {
  if (process.env.NODE_ENV !== 'production')
    throw new Error('antd static styles are built in production mode only (antd names its classes differently otherwise)');
  const customTheme = (node: ReactElement) => <ConfigProvider theme={APP_THEME}>{node}</ConfigProvider>;
  return extractStyle({ customTheme, includes: components ? [...components] : undefined });
}
