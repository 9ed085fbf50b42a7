import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { startTransition, StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { workspaceInfoQuery } from './api/hooks';
import './i18n';
import './styles.css';
import { AppShell } from './shell/AppShell';
import { pageFromHash } from './shell/registry';
import { APP_THEME } from './theme';

const queryClient = new QueryClient({
  defaultOptions: {
    // A local database: no point retrying or refetching on focus.
    queries: { retry: false, refetchOnWindowFocus: false, staleTime: Infinity },
    mutations: { retry: false },
  },
});

// The first screen's code and data are fetched while React mounts the shell, not after it:
// the page the window opens on starts loading its chunk, the header's and the page's first
// queries go into the cache under the keys their hooks use.
const firstPage = pageFromHash();
void firstPage.preload().catch(() => {
  // The page shows the failure when it renders.
});
void queryClient.prefetchQuery(workspaceInfoQuery());
firstPage.prefetch?.(queryClient);

function Root(): ReactNode {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={APP_THEME}>
      <AntApp>
        <AppShell />
      </AntApp>
    </ConfigProvider>
  );
}

// As a transition the first render yields to the browser now and then, so the answers of the
// first requests are handled (and the cells requested) while the shell is still being built.
const root = createRoot(document.getElementById('root')!);
startTransition(() =>
  root.render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <Root />
      </QueryClientProvider>
    </StrictMode>,
  ),
);
