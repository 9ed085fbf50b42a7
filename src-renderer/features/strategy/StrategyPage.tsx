/**
 * 营销策略表: the month's two tables for an account manager (执行层), what is due, customers and
 * dictionaries, key-account screening, the area manager's summary (管理层) and the decision view
 * (决策层). The month and the account manager chosen here narrow every tab.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Badge, Button, DatePicker, Drawer, Empty, Modal, Select, Space, Spin, Table, Tabs, Tag, Timeline, Tooltip, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportRefusal, ImportTable, ReportId } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { invoke } from '../../api/client';
import { useErrorText } from '../../shell/error-text';
import { CustomersAndDictionaries } from './CustomersAndDictionaries';
import { DecisionView } from './DecisionView';
import { DemandTable, HabitTable } from './MonthTables';
import { ScreeningView } from './ScreeningView';
import { currentYearMonth, useDueCustomers, useStrategyLookups, useStrategyMonth, type StrategyLookups } from './strategy-data';
import { SummaryView } from './SummaryView';

type TabKey = 'demand' | 'habit' | 'due' | 'customers' | 'screening' | 'summary' | 'decision';

const TABLE_REPORTS: Partial<Record<TabKey, { report: ReportId; table: ImportTable }>> = {
  demand: { report: 'strategy-demand', table: 'demand' },
  habit: { report: 'strategy-habit', table: 'habit' },
  screening: { report: 'strategy-screening', table: 'screening' },
};
/** The printed report of each tab, opened in 报表打印 for this month (and manager). */
const PRINTED_REPORTS: Partial<Record<TabKey, ReportId>> = { ...Object.fromEntries(Object.entries(TABLE_REPORTS).map(([k, v]) => [k, v.report])), summary: 'strategy-summary' };

function downloadBase64(base64: string, fileName: string, mimeType: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function fileToBase64(file: File): Promise<string> {
  const buffer = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < buffer.length; i += 0x8000) binary += String.fromCharCode(...buffer.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function StrategyPage(): ReactNode {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [yearMonth, setYearMonth] = useState(currentYearMonth);
  const [managerId, setManagerId] = useState<string | undefined>();
  const [tab, setTab] = useState<TabKey>('demand');
  const [history, setHistory] = useState<{ customerId: string; name: string } | null>(null);
  const [focusCustomerId, setFocusCustomerId] = useState<string | null>(null);
  const [refusals, setRefusals] = useState<{ fileName: string; items: ImportRefusal[]; total: number } | null>(null);
  const [busy, setBusy] = useState<'start' | 'export' | 'import' | null>(null);
  const lookups = useStrategyLookups();
  const month = useStrategyMonth(yearMonth, managerId);
  const due = useDueCustomers(yearMonth, managerId);
  const year = Number(yearMonth.slice(0, 4));

  const startMonth = async () => {
    setBusy('start');
    try {
      const result = await invoke('strategy/start-month', { yearMonth });
      message.success(t('strategy.started', { copied: result.copied, added: result.added }));
      await queryClient.invalidateQueries({ queryKey: ['strategy/get-month'] });
      void queryClient.invalidateQueries({ queryKey: ['strategy/list-due'] });
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusy(null);
    }
  };

  const tableReport = TABLE_REPORTS[tab];
  const printedReport = PRINTED_REPORTS[tab];
  const narrowsByManager = tab === 'demand' || tab === 'habit' || tab === 'due';
  const openPrintPreview = () => {
    if (!printedReport) return;
    const query = new URLSearchParams({ report: printedReport, month: yearMonth });
    if (narrowsByManager && managerId) query.set('scope', managerId);
    window.location.hash = `/reports?${query.toString()}`;
  };
  const exportXlsx = async () => {
    if (!tableReport) return;
    setBusy('export');
    try {
      const result = await invoke('reports/export', {
        report: tableReport.report,
        format: 'xlsx',
        jobId: `strategy-${Date.now()}`,
        yearMonth,
        year,
        // The manager select narrows the monthly tables only (it is disabled elsewhere).
        scopeId: narrowsByManager ? managerId : undefined,
      });
      if (result.base64) downloadBase64(result.base64, result.fileName, result.mimeType);
      if (!result.cancelled) message.success(t('strategy.exported', { name: result.fileName }));
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusy(null);
    }
  };

  const importXlsx = async (file: File) => {
    if (!tableReport) return;
    setBusy('import');
    try {
      const base64 = await fileToBase64(file);
      const result = await invoke('strategy/import-xlsx', { table: tableReport.table, yearMonth, year, base64 });
      message.success(t('strategy.imported', { rows: result.rows, changed: result.changed }));
      setRefusals(null);
    } catch (error) {
      const items = error instanceof AppError && error.code === 'INVALID_CELLS' ? (error.details as { refusals?: ImportRefusal[] }).refusals : undefined;
      if (items) setRefusals({ fileName: file.name, items, total: (error as AppError & { details: { total?: number } }).details.total ?? items.length });
      else message.error(errorText(error));
    } finally {
      setBusy(null);
    }
  };

  const dueCount = due.data?.length ?? 0;
  // A month nobody has started yet: its rows would come from the months before.
  const notStarted = month.data !== undefined && month.data.demandRows.length === 0 && month.data.habitRows.length === 0 && dueCount > 0;
  const missingRows = (due.data ?? []).filter((d) => d.reasons.includes('missing')).length;
  const data = lookups.data;

  const tabs = [
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

  let body: ReactNode;
  if (!data || !month.data) {
    body = lookups.error || month.error ? <Empty description={errorText(lookups.error ?? month.error)} /> : <Spin style={{ margin: 48 }} />;
  } else if (tab === 'demand') {
    body = (
      <DemandTable
        yearMonth={yearMonth}
        managerId={managerId}
        lookups={data}
        month={month.data}
        focusCustomerId={focusCustomerId}
        onShowHistory={(customerId, name) => setHistory({ customerId, name })}
      />
    );
  } else if (tab === 'habit') {
    body = <HabitTable yearMonth={yearMonth} managerId={managerId} lookups={data} month={month.data} onShowHistory={(customerId, name) => setHistory({ customerId, name })} />;
  } else if (tab === 'due') {
    body = (
      <DueList
        yearMonth={yearMonth}
        managerId={managerId}
        lookups={data}
        onOpen={(customerId) => {
          // Open the customer's row among its own manager's customers, focused and ready to type.
          setManagerId(data.customerById.get(customerId)?.managerId ?? managerId);
          setFocusCustomerId(customerId);
          setTab('demand');
        }}
      />
    );
  } else if (tab === 'customers') {
    body = <CustomersAndDictionaries lookups={data} />;
  } else if (tab === 'screening') {
    body = <ScreeningView year={year} />;
  } else if (tab === 'summary') {
    body = <SummaryView yearMonth={yearMonth} />;
  } else {
    body = <DecisionView yearMonth={yearMonth} />;
  }

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
            ...(data?.accountManagers ?? []).map((p) => ({ value: p.id, label: `${p.name}（${data!.unitName(p.unitId)}）` })),
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
        {tableReport && (
          <Space>
            <Button onClick={() => void exportXlsx()} loading={busy === 'export'} data-testid="strategy-export">
              {t('strategy.exportXlsx')}
            </Button>
            <Upload
              accept=".xlsx"
              showUploadList={false}
              beforeUpload={(file) => {
                void importXlsx(file);
                return false;
              }}
            >
              <Button loading={busy === 'import'} data-testid="strategy-import">
                {t('strategy.importXlsx')}
              </Button>
            </Upload>
          </Space>
        )}
      </div>
      <Tabs activeKey={tab} onChange={(key) => setTab(key as TabKey)} items={tabs} data-testid="strategy-tabs" />
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
      {body}
      <HistoryDrawer yearMonth={yearMonth} target={history} lookups={data} onClose={() => setHistory(null)} />
      <Modal
        open={refusals !== null}
        title={t('strategy.importRefusedTitle', { name: refusals?.fileName ?? '' })}
        onCancel={() => setRefusals(null)}
        footer={<Button onClick={() => setRefusals(null)}>{t('strategy.close')}</Button>}
        width={760}
      >
        <Typography.Paragraph>{t('strategy.importRefusedBody', { count: refusals?.total ?? 0 })}</Typography.Paragraph>
        <Table<ImportRefusal>
          size="small"
          rowKey={(r) => `${r.sheet}!${r.cell}:${r.reason}`}
          dataSource={refusals?.items ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          data-testid="import-refusals"
          columns={[
            { title: t('strategy.refusalCol.cell'), dataIndex: 'cell', width: 70 },
            { title: t('strategy.refusalCol.header'), dataIndex: 'header', width: 130 },
            { title: t('strategy.refusalCol.value'), dataIndex: 'value', ellipsis: true },
            { title: t('strategy.refusalCol.reason'), dataIndex: 'reason', render: (reason: string) => t(`strategy.importRefusal.${reason}`) },
          ]}
        />
      </Modal>
    </div>
  );
}

function DueList({ yearMonth, managerId, lookups, onOpen }: { yearMonth: string; managerId: string | undefined; lookups: StrategyLookups; onOpen: (customerId: string) => void }): ReactNode {
  const { t } = useTranslation();
  const due = useDueCustomers(yearMonth, managerId);
  return (
    <Table
      size="small"
      rowKey="customerId"
      loading={due.isLoading}
      dataSource={due.data ?? []}
      pagination={false}
      data-testid="due-list"
      locale={{ emptyText: t('strategy.nothingDue') }}
      columns={[
        { title: t('strategy.col.customer'), dataIndex: 'name' },
        { title: t('strategy.col.minor'), render: (_, row) => lookups.entryById.get(lookups.customerById.get(row.customerId)?.classId ?? '')?.name ?? '' },
        { title: t('strategy.col.manager'), render: (_, row) => lookups.personById.get(row.managerId)?.name ?? '' },
        { title: t('strategy.col.status'), dataIndex: 'status', render: (status: string) => t(`strategy.status.${status}`) },
        {
          title: t('strategy.col.reasons'),
          dataIndex: 'reasons',
          render: (reasons: string[]) => reasons.map((r) => <Tag key={r} color={r === 'new' ? 'blue' : r === 'missing' ? 'red' : 'gold'}>{t(`strategy.due.${r}`)}</Tag>),
        },
        {
          title: '',
          render: (_, row) => (
            <Button size="small" type="link" onClick={() => onOpen(row.customerId)} data-testid={`fill-${row.customerId}`}>
              {t('strategy.fill')}
            </Button>
          ),
        },
      ]}
    />
  );
}

function HistoryDrawer({ yearMonth, target, lookups, onClose }: { yearMonth: string; target: { customerId: string; name: string } | null; lookups: StrategyLookups | undefined; onClose: () => void }): ReactNode {
  const { t } = useTranslation();
  const history = useQuery({
    queryKey: ['strategy/get-history', yearMonth, target?.customerId ?? null],
    queryFn: () => invoke('strategy/get-history', { yearMonth, customerId: target!.customerId }),
    enabled: target !== null,
  });
  const describe = useMemo(
    () => (before: Record<string, unknown>, after: Record<string, unknown>) =>
      Object.keys(after)
        .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
        .map((key) => {
          const show = (value: unknown) =>
            key === 'products'
              ? ((value as Array<{ productId: string }> | undefined) ?? []).map((p) => lookups?.entryById.get(p.productId)?.name ?? p.productId).join('、')
              : String(value ?? '');
          return { key, label: t(`strategy.field.${key}`), before: show(before[key]), after: show(after[key]) };
        }),
    [lookups, t],
  );
  return (
    <Drawer open={target !== null} onClose={onClose} width={520} title={t('strategy.historyTitle', { name: target?.name ?? '', month: yearMonth })}>
      {history.isLoading ? (
        <Spin />
      ) : (history.data ?? []).length === 0 ? (
        <Empty description={t('strategy.noHistory')} />
      ) : (
        <Timeline
          items={(history.data ?? []).map((entry) => ({
            children: (
              <div data-testid="history-entry">
                <Typography.Text strong>
                  {new Date(entry.changedAt).toLocaleString('zh-CN', { hour12: false })} · {t(`strategy.tab.${entry.table}`)}
                </Typography.Text>
                {describe(entry.before, entry.after).map((change) => (
                  <div key={change.key} className="pd-history-change">
                    <Typography.Text type="secondary">{change.label}：</Typography.Text>
                    <del>{change.before || '—'}</del> → <span>{change.after || '—'}</span>
                  </div>
                ))}
              </div>
            ),
          }))}
        />
      )}
    </Drawer>
  );
}
