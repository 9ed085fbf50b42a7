import { useIsMutating, useMutationState } from '@tanstack/react-query';
import { Badge, Segmented, Tag } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useWorkspaceInfo } from '../api/hooks';
import { useBackendEventRefetch } from '../api/refetch';
import { setLanguage, type Language } from '../i18n';
import { PageContent } from './PageContent';
import { pageFromHash, PAGES, REFETCH_TABLE } from './registry';
import { SideNav } from './SideNav';

function SaveState(): ReactNode {
  const { t } = useTranslation();
  // Every write in the app is a mutation keyed by its channel, so no filter: this follows them all.
  const saving = useIsMutating() > 0;
  const last = useMutationState({ select: (m) => ({ status: m.state.status, at: m.state.submittedAt }) }).at(-1);
  if (saving) return <Badge status="processing" text={t('header.saving')} data-testid="save-state" />;
  if (last?.status === 'error') return <Badge status="error" text={t('header.saveFailed')} data-testid="save-state" />;
  const time = last ? new Date(last.at).toLocaleTimeString('zh-CN', { hour12: false }) : null;
  return <Badge status="success" text={time ? t('header.savedAt', { time }) : t('header.saved')} data-testid="save-state" />;
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
          {info.data && (
            <Tag data-testid="workspace-name" title={t('header.workspace')}>
              {t('header.workspace')}：{info.data.fileName}
            </Tag>
          )}
          <SaveState />
          <Segmented<Language>
            size="small"
            value={i18n.language === 'en' ? 'en' : 'zh-CN'}
            onChange={(lang) => setLanguage(lang)}
            options={[
              { value: 'zh-CN', label: '中文' },
              { value: 'en', label: 'English' },
            ]}
          />
        </header>
        <main className="pd-content">
          <PageContent page={page} />
        </main>
      </div>
    </div>
  );
}
