/**
 * 营销策略表: the month's two tables for an account manager (执行层), what is due, customers and
 * dictionaries, key-account screening, the area manager's summary (管理层) and the decision view
 * (决策层). The month and the account manager chosen here narrow every tab.
 */
import { Alert, Badge, Button, DatePicker, Select, Space, Tabs, Tooltip, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportTable, ReportId } from '../../../src-shared/contract/channels';
import { HistoryDrawer } from './HistoryDrawer';
import { ImportRefusalsModal } from '../../shell/ImportRefusalsModal';
import { useStrategyActions } from './strategy-actions';
import { currentYearMonth, useDueCustomers, useStrategyLookups, useStrategyMonth } from './strategy-data';
import { StrategyTabBody, type TabKey } from './StrategyTabBody';
import { withParens } from '../../i18n/punctuation';
import '../../i18n/dayjs-locale';

const TABLE_REPORTS: Partial<Record<TabKey, { report: ReportId; table: ImportTable }>> = {
  demand: { report: 'strategy-demand', table: 'demand' },
  habit: { report: 'strategy-habit', table: 'habit' },
  screening: { report: 'strategy-screening', table: 'screening' },
};
/** The printed report of each tab, opened in 报表打印 for this month (and manager). */
const PRINTED_REPORTS: Partial<Record<TabKey, ReportId>> = {
  ...Object.fromEntries(Object.entries(TABLE_REPORTS).map(([k, v]) => [k, v.report])),
  summary: 'strategy-summary',
};

export function StrategyPage(): ReactNode {
  const { t } = useTranslation();
  const [yearMonth, setYearMonth] = useState(currentYearMonth);
  const [managerId, setManagerId] = useState<string | undefined>();
  const [tab, setTab] = useState<TabKey>('demand');
  const [history, setHistory] = useState<{ customerId: string; name: string } | null>(null);
  const [focusCustomerId, setFocusCustomerId] = useState<string | null>(null);
  const lookups = useStrategyLookups();
  const month = useStrategyMonth(yearMonth, managerId);
  // Managers in office in the month shown; the chosen one stays listed after paging to a month they had left by.
  const managerOptions = useMemo(() => {
    const data = lookups.data;
    const inOffice = data?.managersInOffice(yearMonth) ?? [];
    const chosen = managerId ? data?.personById.get(managerId) : undefined;
    return chosen && !inOffice.includes(chosen) ? [...inOffice, chosen] : inOffice;
  }, [lookups.data, yearMonth, managerId]);
  const due = useDueCustomers(yearMonth, managerId);
  const year = Number(yearMonth.slice(0, 4));

  const tableReport = TABLE_REPORTS[tab];
  const printedReport = PRINTED_REPORTS[tab];
  const narrowsByManager = tab === 'demand' || tab === 'habit' || tab === 'due';
  // The manager select narrows the monthly tables only (it is disabled elsewhere).
  const actions = useStrategyActions({ yearMonth, year, table: tableReport, scopeId: narrowsByManager ? managerId : undefined });
  const { startMonth, busy } = actions;
  const openPrintPreview = () => {
    if (!printedReport) return;
    const query = new URLSearchParams({ report: printedReport, month: yearMonth });
    if (narrowsByManager && managerId) query.set('scope', managerId);
    window.location.hash = `/reports?${query.toString()}`;
  };
  const dueCount = due.data?.length ?? 0;
  // A month nobody has started yet: its rows would come from the months before.
  const notStarted = month.data !== undefined && month.data.demandRows.length === 0 && month.data.habitRows.length === 0 && dueCount > 0;
  const missingRows = (due.data ?? []).filter((d) => d.reasons.includes('missing')).length;
  const data = lookups.data;

  return (
    <div className="pd-page pd-strategy-page">
      <div className="pd-toolbar">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('strategy.title')}
        </Typography.Title>
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${yearMonth}-01`)}
          onChange={(value) => value && setYearMonth(value.format('YYYY-MM'))}
          data-testid="strategy-month"
          aria-label={t('strategy.month')}
        />
        <Select
          style={{ width: 280 }}
          popupMatchSelectWidth={false}
          value={managerId ?? 'all'}
          disabled={!narrowsByManager}
          onChange={(value: string) => setManagerId(value === 'all' ? undefined : value)}
          options={[
            { value: 'all', label: t('strategy.allManagers') },
            ...managerOptions.map((p) => ({ value: p.id, label: withParens(p.name, data!.unitName(p.unitId)) })),
          ]}
          data-testid="strategy-manager"
          aria-label={t('strategy.accountManager')}
        />
        <Tooltip title={t('strategy.startHint')}>
          <Button onClick={() => void startMonth()} loading={busy === 'start'} data-testid="start-month" type={missingRows > 0 ? 'primary' : 'default'}>
            {t('strategy.startMonth')}
          </Button>
        </Tooltip>
        <span className="pd-header-spacer" />
        {printedReport && (
          <Button onClick={openPrintPreview} data-testid="strategy-print">
            {t('strategy.printPreview')}
          </Button>
        )}
        {tableReport && <TableFileButtons busy={busy} onExport={() => void actions.exportXlsx()} onImport={(file) => void actions.importXlsx(file)} />}
      </div>
      <Tabs activeKey={tab} onChange={(key) => setTab(key as TabKey)} items={strategyTabs(t, dueCount)} data-testid="strategy-tabs" />
      {notStarted && narrowsByManager && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="month-not-started"
          message={t('strategy.notStarted', { month: yearMonth })}
          action={
            <Button size="small" type="primary" onClick={() => void startMonth()} loading={busy === 'start'}>
              {t('strategy.startMonth')}
            </Button>
          }
        />
      )}
      <StrategyTabBody
        tab={tab}
        yearMonth={yearMonth}
        managerId={managerId}
        lookups={lookups}
        month={month}
        focusCustomerId={focusCustomerId}
        onShowHistory={(customerId, name) => setHistory({ customerId, name })}
        onOpenDue={(customerId, table) => {
          // Open the customer's row among its own manager's customers, focused and ready to type.
          setManagerId(data?.customerById.get(customerId)?.managerId ?? managerId);
          setFocusCustomerId(customerId);
          setTab(table);
        }}
      />
      <HistoryDrawer yearMonth={yearMonth} target={history} lookups={data} onClose={() => setHistory(null)} />
      <ImportRefusalsModal refusals={actions.refusals} onClose={actions.closeRefusals} />
    </div>
  );
}

function strategyTabs(t: TFunction, dueCount: number) {
  return [
    { key: 'demand', label: t('strategy.tab.demand') },
    { key: 'habit', label: t('strategy.tab.habit') },
    {
      key: 'due',
      label: (
        <span data-testid="due-tab">
          {t('strategy.tab.due')} <Badge count={dueCount} size="small" showZero overflowCount={999} color={dueCount ? '#faad14' : '#52c41a'} />
        </span>
      ),
    },
    { key: 'customers', label: t('strategy.tab.customers') },
    { key: 'screening', label: t('strategy.tab.screening') },
    { key: 'summary', label: t('strategy.tab.summary') },
    { key: 'decision', label: t('strategy.tab.decision') },
  ];
}

/** 导出 Excel / 导入 Excel of the open tab's table. */
function TableFileButtons({ busy, onExport, onImport }: { busy: string | null; onExport: () => void; onImport: (file: File) => void }): ReactNode {
  const { t } = useTranslation();
  return (
    <Space>
      <Button onClick={onExport} loading={busy === 'export'} data-testid="strategy-export">
        {t('strategy.exportXlsx')}
      </Button>
      <Upload
        accept=".xlsx"
        showUploadList={false}
        beforeUpload={(file) => {
          onImport(file);
          return false;
        }}
      >
        <Button loading={busy === 'import'} data-testid="strategy-import">
          {t('strategy.importXlsx')}
        </Button>
      </Upload>
    </Space>
  );
}
