import { Component, lazy, Suspense, useMemo, useState, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { antdStylesheetLoaded, antdStylesheetReady } from '../antd-stylesheet';
import type { PageDescriptor } from './feature';
import { PAGES } from './registry';
import { LoadingMark, ToolButton } from './ToolButton';

/** The open page: its code loads on first visit (a spinner meanwhile). */
export function PageContent({ page }: { page: PageDescriptor }): ReactNode {
  const [attempt, setAttempt] = useState(0);
  // React.lazy keeps a failed load for good: a retry needs a new lazy component. A page whose
  // code has loaded (the one the app opens on, preloaded by main.tsx) renders without suspending.
  const Page = useMemo(() => {
    // Only the start page's antd styles are in index.html; any other page waits for the rest.
    const stylesReady = page === PAGES[0] || antdStylesheetReady();
    const loaded = stylesReady ? page.loaded() : undefined;
    return (
      loaded ??
      lazy(async () => {
        const [component] = await Promise.all([page.preload(), stylesReady ? undefined : antdStylesheetLoaded()]);
        return { default: component };
      })
    );
  }, [page, attempt]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <PageErrorBoundary key={`${page.key}:${attempt}`} onRetry={() => setAttempt((n) => n + 1)}>
      <Suspense fallback={<PageLoading />}>
        <Page />
      </Suspense>
    </PageErrorBoundary>
  );
}

function PageLoading(): ReactNode {
  return <LoadingMark />;
}

/** In plain markup, not antd's Result: it is there when chunks fail to load, so it loads none. */
function PageLoadFailed({ message, onRetry }: { message: string; onRetry: () => void }): ReactNode {
  const { t } = useTranslation();
  return (
    <div className="pd-page-failed" role="alert">
      <div className="pd-page-failed-mark" aria-hidden>
        !
      </div>
      <div className="pd-page-failed-title">{t('errors.pageFailed', { message })}</div>
      <div className="pd-page-failed-actions">
        <ToolButton tone="primary" size="middle" onClick={onRetry}>
          {t('errors.retryPage')}
        </ToolButton>
        <ToolButton size="middle" onClick={() => window.location.reload()}>
          {t('errors.reloadApp')}
        </ToolButton>
      </div>
    </div>
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
