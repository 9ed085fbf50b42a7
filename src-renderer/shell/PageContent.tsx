import { Button, Result, Spin } from 'antd';
import { Component, lazy, Suspense, useMemo, useState, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageDescriptor } from './feature';

/** The open page: its code loads on first visit (a spinner meanwhile). */
export function PageContent({ page }: { page: PageDescriptor }): ReactNode {
  const [attempt, setAttempt] = useState(0);
  // React.lazy keeps a failed load for good: a retry needs a new lazy component.
  const Page = useMemo(() => lazy(() => page.preload().then((component) => ({ default: component }))), [page, attempt]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <PageErrorBoundary key={`${page.key}:${attempt}`} onRetry={() => setAttempt((n) => n + 1)}>
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

function PageLoadFailed({ message, onRetry }: { message: string; onRetry: () => void }): ReactNode {
  const { t } = useTranslation();
  return (
    <Result
      status="error"
      title={t('errors.pageFailed', { message })}
      extra={[
        <Button key="retry" type="primary" onClick={onRetry}>
          {t('errors.retryPage')}
        </Button>,
        <Button key="reload" onClick={() => window.location.reload()}>
          {t('errors.reloadApp')}
        </Button>,
      ]}
    />
  );
}

/**
 * A page whose code cannot load (the web host rebuilt the app: its chunks are gone) or that fails
 * to render shows why, instead of emptying the whole window; another page still opens.
 */
class PageErrorBoundary extends Component<{ children: ReactNode; onRetry: () => void }, { error: Error | null }> {
  state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  render(): ReactNode {
    return this.state.error ? <PageLoadFailed message={this.state.error.message} onRetry={this.props.onRetry} /> : this.props.children;
  }
}
