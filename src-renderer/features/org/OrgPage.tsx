/**
 * 组织与指标: the organisation as it stands (a keyboard-friendly tree: arrows to move, Enter to
 * select) with its dated changes — add, edit, move, reorder, retire —, and the metrics table.
 * Every change goes through the contract and shows at once in every grid (org/changed,
 * metrics/changed).
 */
import { Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MetricsTable } from './MetricsTable';
import { OrgTreePanel } from './OrgTreePanel';
import './org.css';

export function OrgPage(): ReactNode {
  const { t } = useTranslation();
  return (
    <div className="pd-page pd-org-page" data-testid="org-page">
      <div className="pd-toolbar">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('orgPage.title')}
        </Typography.Title>
        <Typography.Text type="secondary" className="pd-hint">
          {t('orgPage.rule')}
        </Typography.Text>
      </div>
      <Tabs
        className="pd-org-tabs"
        items={[
          { key: 'org', label: t('orgPage.orgTab'), children: <OrgTreePanel /> },
          { key: 'metrics', label: t('orgPage.metricsTab'), children: <MetricsTable /> },
        ]}
      />
    </div>
  );
}
