import { useIsMutating, useMutationState } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../src-shared/contract/errors';
import { useWorkspaceInfo } from '../api/hooks';
import { useBackendEventRefetch } from '../api/refetch';
import { setLanguage, type Language } from '../i18n';
import { PageContent } from './PageContent';
import { pageFromHash, PAGES, REFETCH_TABLE } from './registry';
import { SideNav } from './SideNav';
import { YearSwitch } from './YearSwitch';

/** The pages a plan year applies to: the header shows the year switch on them. */
const PLAN_PAGES = new Set(['targets', 'breakdown', 'tracking', 'reports']);
import { withColon } from '../i18n/punctuation';

const REFUSALS = new Set(['INVALID_INPUT', 'INVALID_CELLS', 'SPLIT_REFUSED', 'CONFLICT', 'IN_USE', 'NOT_FOUND']);
const isRefusal = (error: unknown) => error instanceof AppError && REFUSALS.has(error.code);

function SaveState(): ReactNode {
  const { t } = useTranslation();
  // Every write in the app is a mutation keyed by its channel, so no filter: this follows them all.
  const saving = useIsMutating() > 0;
  // A refusal (a bad cell, a conflict, a file we did not write) changed nothing: the header keeps
  // the last save's state rather than saying saving failed.
  const last = useMutationState({ select: (m) => ({ status: m.state.status, at: m.state.submittedAt, refused: isRefusal(m.state.error) }) })
    .filter((m) => !m.refused)
    .at(-1);
  const time = last ? new Date(last.at).toLocaleTimeString('zh-CN', { hour12: false }) : null;
  const [status, text] = saving
    ? (['processing', t('header.saving')] as const)
    : last?.status === 'error'
      ? (['error', t('header.saveFailed')] as const)
      : (['success', time ? t('header.savedAt', { time }) : t('header.saved')] as const);
  // Plain elements styled like antd's status badge: the header is on the first screen, and antd's
  // Badge, Tag and Segmented cost it ~50 kB of script and their token work before the first row.
  return (
    <span className={`pd-status pd-status-${status}`} data-testid="save-state" role="status">
      <span className="pd-status-dot" aria-hidden="true" />
      {text}
    </span>
  );
}

const LANGUAGES: Array<{ value: Language; label: string }> = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en', label: 'English' },
];

/** 中文 / English, as a two-button switch (keyboard: Tab to it, Enter or Space). */
function LanguageSwitch({ current }: { current: Language }): ReactNode {
  const { t } = useTranslation();
  return (
    <span className="pd-switch" role="radiogroup" aria-label={t('header.language')}>
      {LANGUAGES.map((option) => (
        <button
          key={option.value}
          type="button"
          role="radio"
          aria-checked={option.value === current}
          className={option.value === current ? 'pd-switch-item pd-switch-item-on' : 'pd-switch-item'}
          onClick={() => option.value !== current && setLanguage(option.value)}
        >
          {option.label}
        </button>
      ))}
    </span>
  );
}

export function AppShell(): ReactNode {
  const { t, i18n } = useTranslation();
  const info = useWorkspaceInfo();
  useBackendEventRefetch(REFETCH_TABLE);
  const [page, setPage] = useState(() => pageFromHash());

  useEffect(() => {
    const onHash = () => setPage(pageFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    document.title = info.data ? `${info.data.fileName} - ${t('app.name')}` : t('app.name');
  }, [info.data, t]);

  return (
    <div className="pd-shell">
      <aside className="pd-sider">
        <div className="pd-brand">
          <span className="pd-brand-mark">计</span>
          <span className="pd-brand-text">{t('app.name')}</span>
        </div>
        <SideNav pages={PAGES} current={page} />
      </aside>
      <div className="pd-main">
        <header className="pd-header">
          <strong>{t('app.name')}</strong>
          <span className="pd-text-secondary">{t('app.subtitle')}</span>
          <span className="pd-header-spacer" />
          {PLAN_PAGES.has(page.key) && <YearSwitch />}
          {info.data && (
            <span className="pd-chip" data-testid="workspace-name" title={t('header.workspace')}>
              {withColon(t('header.workspace'), info.data.fileName)}
            </span>
          )}
          <SaveState />
          <LanguageSwitch current={i18n.language === 'en' ? 'en' : 'zh-CN'} />
        </header>
        <main className="pd-content">
          <PageContent page={page} />
        </main>
      </div>
    </div>
  );
}
