/** The 目标分解 tab: the level and the methods, 分解 for the chosen store or every store, and the grid. */
import { Button, Empty, Segmented, Select, Space } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SPLIT_DAY_METHODS, SPLIT_ORG_METHODS, type HolidaySplit, type SplitLevel } from '../../../src-shared/contract/channels';
import { LoadingMark } from '../../shell/ToolButton';
import { useMessage } from '../../toasts';
import { HolidaySplitGrid } from './HolidaySplitGrid';
import { useHolidayErrorText, useHolidaySplit, useHolidaySplitWrites } from './holiday-data';
import { DEFAULT_SPLIT_METHODS, type SplitMethods } from './split-methods';

/** The store a row belongs to (itself for a store). */
function storeOf(data: HolidaySplit, id: string | null): string | null {
  const byId = new Map(data.rows.map((r) => [r.id, r]));
  for (let at = id ? byId.get(id) : undefined; at; at = at.parentId ? byId.get(at.parentId) : undefined) if (at.kind === 'store') return at.id;
  return null;
}

export function HolidaySplitTab({ season, onUndo, onRedo }: { season: number; onUndo: () => void; onRedo: () => void }): ReactNode {
  const { t } = useTranslation();
  const message = useMessage();
  const errorText = useHolidayErrorText();
  const [level, setLevel] = useState<SplitLevel>('basic');
  const [methods, setMethods] = useState<SplitMethods>(DEFAULT_SPLIT_METHODS);
  const [selected, setSelected] = useState<string | null>(null);
  const split = useHolidaySplit(season, level);
  const writes = useHolidaySplitWrites();
  const [busy, setBusy] = useState(false);

  if (split.error) return <Empty description={errorText(split.error)} />;
  if (!split.data) return <LoadingMark />;
  const data = split.data;
  const store = storeOf(data, selected) ?? data.rows.find((r) => r.kind === 'store')?.id ?? null;
  const storeName = data.rows.find((r) => r.id === store)?.name ?? '';

  const run = async (storeIds: string[]) => {
    setBusy(true);
    try {
      let changed = 0;
      for (const subjectId of storeIds) changed += (await writes.split.mutateAsync({ season, level, subjectId, ...methods })).changed;
      message.success(t('holiday.split.done', { count: changed }));
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  const withTargets = data.rows.filter((r) => r.kind === 'store' && r.target !== null).map((r) => r.id);

  return (
    <>
      <Space wrap size={[8, 4]}>
        <Segmented<SplitLevel>
          size="small"
          value={level}
          onChange={setLevel}
          options={[
            { value: 'basic', label: t('holiday.col.basic') },
            { value: 'challenge', label: t('holiday.col.challenge') },
          ]}
          data-testid="split-level"
        />
        <Select
          size="small"
          aria-label={t('holiday.split.orgMethod')}
          data-testid="split-org-method"
          value={methods.orgMethod}
          onChange={(orgMethod) => setMethods({ ...methods, orgMethod })}
          popupMatchSelectWidth={false}
          options={SPLIT_ORG_METHODS.map((m) => ({ value: m, label: t(`holiday.split.org.${m}`) }))}
        />
        <Select
          size="small"
          aria-label={t('holiday.split.dayMethod')}
          data-testid="split-day-method"
          value={methods.dayMethod}
          onChange={(dayMethod) => setMethods({ ...methods, dayMethod })}
          popupMatchSelectWidth={false}
          options={SPLIT_DAY_METHODS.map((m) => ({ value: m, label: t(`holiday.split.day.${m}`) }))}
        />
        <Button size="small" type="primary" disabled={!store} loading={busy} onClick={() => store && void run([store])} data-testid="split-store">
          {t('holiday.split.splitStore', { name: storeName })}
        </Button>
        <Button size="small" disabled={withTargets.length === 0} loading={busy} onClick={() => void run(withTargets)} data-testid="split-all">
          {t('holiday.split.splitAll', { count: withTargets.length })}
        </Button>
      </Space>
      <span className="pd-hint pd-text-secondary">{t('holiday.split.hint')}</span>
      <HolidaySplitGrid season={season} level={level} data={data} methods={methods} onSelect={setSelected} onUndo={onUndo} onRedo={onRedo} />
    </>
  );
}
