/**
 * The app itself (React, antd, the query cache, the shell), loaded by main.tsx once the first
 * requests are on their way.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import './i18n';
import { AppShell } from './shell/AppShell';
import { MessageProvider } from './toasts';
import { APP_THEME } from './theme';

const queryClient = new QueryClient({
  defaultOptions: {
    // A local database: no point retrying or refetching on focus.
    queries: { retry: false, refetchOnWindowFocus: false, staleTime: Infinity },
    mutations: { retry: false },
  },
});

// A build ships antd's styles as a stylesheet (shell/antd-static-styles.tsx), so antd need not
// generate them in the browser; the development server has no such file.
const RUNTIME_THEME = { ...APP_THEME, zeroRuntime: import.meta.env.PROD };

function Root(): ReactNode {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={RUNTIME_THEME}>
      <MessageProvider>
        <AppShell />
      </MessageProvider>
    </ConfigProvider>
  );
}

/** Mounts the app into #root. */
export function mountApp(): void {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <Root />
      </QueryClientProvider>
    </StrictMode>,
  );
}
