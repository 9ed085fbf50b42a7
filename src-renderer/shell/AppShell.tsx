import { useIsMutating, useMutationState } from '@tanstack/react-query';
import { Badge, Layout, Menu, Result, Segmented, Tag, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useBackendEventRefetch, useWorkspaceInfo } from '../api/hooks';
import { BreakdownPage } from '../features/breakdown/BreakdownPage';
import { ReportsPage } from '../features/reports/ReportsPage';
import { StrategyPage } from '../features/strategy/StrategyPage';
import { TargetsPage } from '../features/targets/TargetsPage';
import { TrackingPage } from '../features/tracking/TrackingPage';
import { setLanguage, type Language } from '../i18n';

type PageKey = 'targets' | 'breakdown' | 'tracking' | 'reports' | 'strategy' | 'holiday';
const PAGES: PageKey[] = ['targets', 'breakdown', 'tracking', 'reports', 'strategy', 'holiday'];

function pageFromHash(): PageKey {
  // A page may carry a query after its name (#/reports?report=strategy-demand&month=2026-11).
  const key = window.location.hash.replace(/^#\/?/, '').split('?')[0] as PageKey;
  return PAGES.includes(key) ? key : 'targets';
}

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

function ComingSoon({ kind }: { kind: 'holiday' }): ReactNode {
  const { t } = useTranslation();
  return <Result status="info" title={t(`coming.${kind}Title`)} subTitle={t(`coming.${kind}Body`)} />;
}

export function AppShell(): ReactNode {
  const { t, i18n } = useTranslation();
  const info = useWorkspaceInfo();
  useBackendEventRefetch();
  const [page, setPage] = useState<PageKey>(pageFromHash);

  useEffect(() => {
    const onHash = () => setPage(pageFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    document.title = info.data ? `${info.data.fileName} - ${t('app.name')}` : t('app.name');
  }, [info.data, t]);

  const soon = <Tag color="default" className="pd-soon-tag">{t('nav.comingSoon')}</Tag>;

  return (
    <Layout className="pd-shell">
      <Layout.Sider width={232} theme="light" className="pd-sider" breakpoint="lg" collapsedWidth={56}>
        <div className="pd-brand">
          <span className="pd-brand-mark">计</span>
          <span className="pd-brand-text">{t('app.name')}</span>
        </div>
        <Menu
          mode="inline"
          selectedKeys={[page]}
          onClick={({ key }) => {
            window.location.hash = `/${key}`;
          }}
          items={[
            { key: 'targets', label: t('nav.targets') },
            { key: 'breakdown', label: t('nav.breakdown') },
            { key: 'tracking', label: t('nav.tracking') },
            { key: 'reports', label: t('nav.reports') },
            { key: 'strategy', label: t('nav.strategy') },
            { key: 'holiday', label: <span>{t('nav.holiday')}{soon}</span> },
          ]}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="pd-header">
          <Typography.Text strong>{t('app.name')}</Typography.Text>
          <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>{t('app.subtitle')}</Typography.Text>
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
        </Layout.Header>
        <Layout.Content className="pd-content">
          {page === 'targets' ? (
            <TargetsPage />
          ) : page === 'breakdown' ? (
            <BreakdownPage />
          ) : page === 'tracking' ? (
            <TrackingPage />
          ) : page === 'reports' ? (
            <ReportsPage />
          ) : page === 'strategy' ? (
            <StrategyPage />
          ) : (
            <ComingSoon kind={page} />
          )}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
