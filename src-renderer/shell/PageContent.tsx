import { Result, Spin } from 'antd';
import { Component, Suspense, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageDescriptor } from './feature';

/** The open page: its code loads on first visit (a spinner meanwhile). */
export function PageContent({ page }: { page: PageDescriptor }): ReactNode {
  const { Component: Page } = page;
  return (
    <PageErrorBoundary key={page.key}>
      <Suspense fallback={<PageLoading />}>
        <Page />
      </Suspense>
    </PageErrorBoundary>
  );
}

function PageLoading(): ReactNode {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 80 }}>
      <Spin size="large" />
    </div>
  );
}

function PageLoadFailed({ message }: { message: string }): ReactNode {
  const { t } = useTranslation();
  return <Result status="error" title={t('errors.pageFailed', { message })} />;
}

/**
 * A page whose code cannot load (the web host rebuilt the app: its chunks are gone) or that fails
 * to render shows why, instead of emptying the whole window; another page still opens.
 */
class PageErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  render(): ReactNode {
    return this.state.error ? <PageLoadFailed message={this.state.error.message} /> : this.props.children;
  }
}
