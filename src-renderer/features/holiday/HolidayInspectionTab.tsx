/**
 * 安全自查: the season's inspections (a store on a day, by an inspector) and each one's checklist —
 * 防火、防盗、防爆、防投毒、食品卫生 — marked 合格 or 需整改 with the finding, who puts it right and by
 * when, and the day it was; the 整改 still open listed above. Every row saves on its own.
 */
import { Button, Empty, Input, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Inspection, InspectionItem } from '../../../src-shared/contract/channels';
import { DayPicker } from '../../shell/DayPicker';
import { LoadingMark } from '../../shell/ToolButton';
import { useMessage } from '../../toasts';
import { useHolidayErrorText, useHolidayTargets, useInspections, useInspectionWrites } from './holiday-data';

function ItemRow({ item, onSave }: { item: InspectionItem; onSave: (item: InspectionItem) => void }): ReactNode {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(item);
  const fix = draft.result === 'fix';
  const commit = (next: InspectionItem) => {
    setDraft(next);
    // A 需整改 saves once it says what, who and by when (the backend refuses it otherwise).
    if (next.result !== 'fix' || (next.finding && next.owner && next.deadline)) onSave(next);
  };
  return (
    <tr className={fix && !draft.closedOn ? 'pd-inspection-open' : undefined} data-testid={`inspection-item-${item.key}`}>
      <td>{item.area}</td>
      <td>{item.item}</td>
      <td>
        <Segmented<string>
          size="small"
          value={draft.result ?? 'none'}
          onChange={(value) =>
            commit({ ...draft, result: value === 'none' ? null : (value as 'ok' | 'fix'), closedOn: value === 'fix' ? draft.closedOn : null })
          }
          options={[
            { value: 'none', label: t('holiday.inspection.unchecked') },
            { value: 'ok', label: t('holiday.inspection.ok') },
            { value: 'fix', label: t('holiday.inspection.fix') },
          ]}
        />
      </td>
      <td>
        <Input
          size="small"
          disabled={!fix}
          value={draft.finding ?? ''}
          placeholder={t('holiday.inspection.finding')}
          onChange={(e) => setDraft({ ...draft, finding: e.target.value })}
          onBlur={() => commit(draft)}
          data-testid={`finding-${item.key}`}
        />
      </td>
      <td>
        <Input
          size="small"
          disabled={!fix}
          value={draft.owner ?? ''}
          placeholder={t('holiday.inspection.owner')}
          onChange={(e) => setDraft({ ...draft, owner: e.target.value })}
          onBlur={() => commit(draft)}
          data-testid={`owner-${item.key}`}
        />
      </td>
      <td>
        {fix && (
          <DayPicker
            width={130}
            allowClear
            value={draft.deadline ?? undefined}
            onChange={(day) => commit({ ...draft, deadline: day ?? null })}
            data-testid={`deadline-${item.key}`}
          />
        )}
      </td>
      <td>
        {fix && (
          <DayPicker
            width={130}
            allowClear
            value={draft.closedOn ?? undefined}
            onChange={(day) => commit({ ...draft, closedOn: day ?? null })}
            data-testid={`closed-${item.key}`}
          />
        )}
      </td>
    </tr>
  );
}

export function HolidayInspectionTab({ season }: { season: number }): ReactNode {
  const { t } = useTranslation();
  const message = useMessage();
  const errorText = useHolidayErrorText();
  const list = useInspections(season);
  const stores = useHolidayTargets(season).data?.stores ?? [];
  const writes = useInspectionWrites();
  const [chosen, setChosen] = useState<string | null>(null);
  const [form, setForm] = useState<{ storeId?: string; day?: string; inspector: string }>({ inspector: '' });
  const [problem, setProblem] = useState<string | null>(null);
  if (list.error) return <Empty description={errorText(list.error)} />;
  if (!list.data) return <LoadingMark />;
  const { inspections, openFixes } = list.data;
  const current: Inspection | undefined = inspections.find((i) => i.id === chosen) ?? inspections[0];

  const save = async (inspection: Inspection, item: InspectionItem) => {
    try {
      setProblem(null);
      await writes.items.mutateAsync({ season, inspectionId: inspection.id, items: [item] });
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  const start = async () => {
    try {
      setProblem(null);
      const created = await writes.start.mutateAsync({ season, storeId: form.storeId!, day: form.day!, inspector: form.inspector.trim() });
      setChosen(created.id);
      message.success(t('holiday.inspection.started', { name: created.storeName, day: created.day }));
    } catch (error) {
      setProblem(errorText(error));
    }
  };

  return (
    <>
      <Space wrap size={[8, 4]}>
        {openFixes.length > 0 ? (
          <Tag color="orange" data-testid="open-fixes">
            {t('holiday.inspection.openCount', { count: openFixes.length })}
          </Tag>
        ) : (
          <Tag color="green" data-testid="open-fixes">
            {t('holiday.inspection.noneOpen')}
          </Tag>
        )}
        <Select
          size="small"
          style={{ minWidth: 220 }}
          value={current?.id}
          onChange={setChosen}
          placeholder={t('holiday.inspection.choose')}
          data-testid="inspection-select"
          options={inspections.map((i) => ({ value: i.id, label: `${i.storeName} · ${i.day} · ${i.inspector}` }))}
        />
        <span className="pd-text-secondary">{t('holiday.inspection.new')}</span>
        <Select
          size="small"
          style={{ minWidth: 100 }}
          value={form.storeId}
          placeholder={t('holiday.stock.store')}
          onChange={(storeId) => setForm({ ...form, storeId })}
          options={stores.map((s) => ({ value: s.id, label: s.name }))}
          data-testid="inspection-store"
        />
        <DayPicker width={130} value={form.day} onChange={(day) => setForm({ ...form, day })} data-testid="inspection-day" />
        <Input
          size="small"
          style={{ width: 110 }}
          placeholder={t('holiday.inspection.inspector')}
          value={form.inspector}
          onChange={(e) => setForm({ ...form, inspector: e.target.value })}
          data-testid="inspection-inspector"
        />
        <Button
          size="small"
          type="primary"
          disabled={!form.storeId || !form.day || !form.inspector.trim()}
          onClick={() => void start()}
          data-testid="inspection-start"
        >
          {t('holiday.inspection.start')}
        </Button>
      </Space>
      {problem && (
        <Typography.Text type="danger" data-testid="inspection-problem">
          {problem}
        </Typography.Text>
      )}
      {openFixes.length > 0 && (
        <Table
          size="small"
          pagination={false}
          rowKey={(f) => `${f.inspectionId}|${f.key}`}
          dataSource={openFixes}
          data-testid="open-fix-list"
          onRow={(f) => ({ onClick: () => setChosen(f.inspectionId), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('holiday.stock.col.store'), width: 90, dataIndex: 'storeName' },
            { title: t('holiday.inspection.area'), width: 80, dataIndex: 'area' },
            { title: t('holiday.inspection.finding'), dataIndex: 'finding' },
            { title: t('holiday.inspection.owner'), width: 100, dataIndex: 'owner' },
            { title: t('holiday.inspection.deadline'), width: 110, dataIndex: 'deadline' },
          ]}
        />
      )}
      {!current ? (
        <Empty description={t('holiday.inspection.none')} />
      ) : (
        <div className="pd-inspection" data-testid="inspection-checklist">
          <table className="pd-inspection-table">
            <thead>
              <tr>
                <th>{t('holiday.inspection.area')}</th>
                <th>{t('holiday.inspection.item')}</th>
                <th>{t('holiday.inspection.result')}</th>
                <th>{t('holiday.inspection.finding')}</th>
                <th>{t('holiday.inspection.owner')}</th>
                <th>{t('holiday.inspection.deadline')}</th>
                <th>{t('holiday.inspection.closedOn')}</th>
              </tr>
            </thead>
            <tbody>
              {current.items.map((item) => (
                <ItemRow key={`${current.id}|${item.key}`} item={item} onSave={(next) => void save(current, next)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
