/**
 * 两节供应计划: the season (元旦 and 春节 of one winter) with its window and last year's lunar-aligned
 * window, and its plans as tabs: 销售目标, 目标分解, 备货计划, 促销与服务, 人员安排, 值班表, 安全自查, 逐日跟踪;
 * the print button prints the open tab's report.
 */
import { Button, Empty, InputNumber, Popover, Select, Space, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { dayDiff } from '../../../src-shared/domain/periods';
import { LoadingMark } from '../../shell/ToolButton';
import { DayPicker } from '../../shell/DayPicker';
import { UndoButtons } from '../../grid/UndoButtons';
import { useEditLog } from '../../grid/useEditLog';
import { useMessage } from '../../toasts';
import { withColon } from '../../i18n/punctuation';
import { HolidayFileButtons } from './HolidayFileButtons';
import { HolidayInspectionTab } from './HolidayInspectionTab';
import { HolidayPromotionsTab } from './HolidayPromotionsTab';
import { HolidayStaffingTab } from './HolidayStaffingTab';
import { HolidayRosterTab } from './HolidayRosterTab';
import { HolidaySplitTab } from './HolidaySplitTab';
import { HolidayStockTab } from './HolidayStockTab';
import { HolidayTrackingTab } from './HolidayTrackingTab';
import { HolidayTargetsGrid } from './HolidayTargetsGrid';
import { useHolidayErrorText, useHolidayTargets, useSaveWindow, useSeason, useTargetsFromLastYear } from './holiday-data';

function WindowEditor({ season, firstDay, lastDay, custom }: { season: number; firstDay: string; lastDay: string; custom: boolean }): ReactNode {
  const { t } = useTranslation();
  const message = useMessage();
  const errorText = useHolidayErrorText();
  const saveWindow = useSaveWindow();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState({ firstDay, lastDay });
  const [problem, setProblem] = useState<string | null>(null);
  const save = async (window: { firstDay: string; lastDay: string } | null) => {
    try {
      const saved = await saveWindow.mutateAsync({ season, window });
      message.success(t('holiday.windowSaved', { first: saved.firstDay, last: saved.lastDay }));
      setOpen(false);
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  return (
    <Popover
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setDraft({ firstDay, lastDay });
        setProblem(null);
      }}
      trigger="click"
      content={
        <Space direction="vertical" data-testid="window-editor">
          <Space>
            <DayPicker
              aria-label={t('holiday.firstDay')}
              data-testid="window-first"
              value={draft.firstDay}
              onChange={(d) => d && setDraft({ ...draft, firstDay: d })}
            />
            <span>—</span>
            <DayPicker
              aria-label={t('holiday.lastDay')}
              data-testid="window-last"
              value={draft.lastDay}
              onChange={(d) => d && setDraft({ ...draft, lastDay: d })}
            />
          </Space>
          {problem && (
            <Typography.Text type="danger" data-testid="window-problem">
              {problem}
            </Typography.Text>
          )}
          <Space>
            <Button type="primary" size="small" loading={saveWindow.isPending} onClick={() => void save(draft)} data-testid="window-save">
              {t('holiday.save')}
            </Button>
            {custom && (
              <Button size="small" onClick={() => void save(null)}>
                {t('holiday.resetWindow')}
              </Button>
            )}
          </Space>
        </Space>
      }
    >
      <Button size="small" data-testid="window-edit">
        {t('holiday.editWindow')}
      </Button>
    </Popover>
  );
}

function FromLastYear({ season, existing }: { season: number; existing: number }): ReactNode {
  const { t } = useTranslation();
  const message = useMessage();
  const errorText = useHolidayErrorText();
  const generate = useTargetsFromLastYear();
  const [open, setOpen] = useState(false);
  const [growth, setGrowth] = useState({ basic: 8, challenge: 15 });
  const [problem, setProblem] = useState<string | null>(null);
  const run = async () => {
    try {
      const { saved } = await generate.mutateAsync({
        season,
        basicGrowthBp: Math.round(growth.basic * 100),
        challengeGrowthBp: Math.round(growth.challenge * 100),
      });
      message.success(t('holiday.generated', { count: saved }));
      setOpen(false);
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  return (
    <Popover
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setProblem(null);
      }}
      trigger="click"
      title={t('holiday.fromLastYearTitle')}
      content={
        <Space direction="vertical" data-testid="from-last-year">
          <Space>
            <span>{t('holiday.basicGrowth')}</span>
            <InputNumber
              data-testid="growth-basic"
              value={growth.basic}
              step={0.5}
              min={-100}
              max={1000}
              onChange={(v) => setGrowth({ ...growth, basic: v ?? 0 })}
            />
          </Space>
          <Space>
            <span>{t('holiday.challengeGrowth')}</span>
            <InputNumber
              data-testid="growth-challenge"
              value={growth.challenge}
              step={0.5}
              min={-100}
              max={1000}
              onChange={(v) => setGrowth({ ...growth, challenge: v ?? 0 })}
            />
          </Space>
          {existing > 0 && <Typography.Text type="warning">{t('holiday.overwrite', { count: existing })}</Typography.Text>}
          {problem && (
            <Typography.Text type="danger" data-testid="from-last-year-problem">
              {problem}
            </Typography.Text>
          )}
          <Button type="primary" size="small" loading={generate.isPending} onClick={() => void run()} data-testid="from-last-year-apply">
            {t('holiday.generate')}
          </Button>
        </Space>
      }
    >
      <Button size="small" type={existing === 0 ? 'primary' : 'default'} data-testid="from-last-year-open">
        {t('holiday.fromLastYear')}
      </Button>
    </Popover>
  );
}

type TabKey = 'targets' | 'split' | 'stock' | 'operations' | 'staffing' | 'roster' | 'inspection' | 'tracking';
/** The printed report of each tab (报表打印, through the report pipeline). */
const REPORT_OF_TAB = {
  targets: 'holiday-targets',
  split: 'holiday-targets',
  stock: 'holiday-stock',
  operations: 'holiday-operations',
  staffing: 'holiday-operations',
  roster: 'holiday-roster',
  inspection: 'holiday-inspection',
  tracking: 'holiday-tracking',
} as const;

export function HolidayPage(): ReactNode {
  const { t } = useTranslation();
  const errorText = useHolidayErrorText();
  const [chosen, setChosen] = useState<number | undefined>();
  const season = useSeason(chosen);
  const current = season.data;
  const targets = useHolidayTargets(current?.season);
  const history = useEditLog('holiday');
  const [tab, setTab] = useState<TabKey>('targets');
  // Ctrl+Z / Ctrl+Y in any tab's grid step the one holiday history the header's buttons show.
  const undoKeys = { onUndo: () => void history.replay('undo'), onRedo: () => void history.replay('redo') };

  const failed = season.error ?? targets.error;
  if (failed) return <Empty description={errorText(failed)} />;
  if (!current || !targets.data) return <LoadingMark />;
  const existing = targets.data.rows.filter((r) => r.basic !== null || r.challenge !== null).length;

  return (
    <div className="pd-page" data-testid="holiday-page">
      <div className="pd-toolbar">
        <h4 className="pd-page-title">{t('holiday.title', { season: current.season })}</h4>
        <div className="pd-toolbar-actions">
          <Select
            size="small"
            aria-label={t('holiday.season')}
            data-testid="holiday-season"
            value={current.season}
            onChange={setChosen}
            popupMatchSelectWidth={false}
            options={current.seasons.map((s) => ({
              value: s,
              label: t('holiday.seasonOption', { season: s }),
            }))}
          />
          <FromLastYear season={current.season} existing={existing} />
          <Button
            size="small"
            onClick={() => (window.location.hash = `/reports?report=${REPORT_OF_TAB[tab]}&season=${current.season}`)}
            data-testid="holiday-print"
          >
            {t('holiday.print', { name: t(`reports.names.${REPORT_OF_TAB[tab]}`) })}
          </Button>
          {(tab === 'stock' || tab === 'roster') && <HolidayFileButtons key={tab} season={current.season} plan={tab} />}
          <UndoButtons history={history} />
        </div>
      </div>
      <Space wrap size={[16, 4]} className="pd-hint" data-testid="holiday-window">
        <span>
          {withColon(
            t('holiday.window'),
            t('holiday.windowDays', { first: current.firstDay, last: current.lastDay, days: dayDiff(current.firstDay, current.lastDay) + 1 }),
          )}
          {current.custom && <Tag style={{ marginLeft: 6 }}>{t('holiday.custom')}</Tag>}
        </span>
        <WindowEditor
          key={`${current.season}:${current.firstDay}:${current.lastDay}`}
          season={current.season}
          firstDay={current.firstDay}
          lastDay={current.lastDay}
          custom={current.custom}
        />
        <span className="pd-text-secondary">{t('holiday.landmarks', current)}</span>
        <Tooltip title={t('holiday.lastYearHint')}>
          <span className="pd-text-secondary" data-testid="holiday-last-year">
            {t('holiday.lastYear', { first: current.lastYear.firstDay, last: current.lastYear.lastDay })}
          </span>
        </Tooltip>
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as TabKey)}
        className="pd-tabs-fill"
        items={[
          {
            key: 'targets',
            label: t('holiday.tabs.targets'),
            children:
              targets.data.stores.length === 0 ? (
                <Empty description={t('holiday.empty')} />
              ) : (
                <>
                  <span className="pd-hint pd-text-secondary">{t('holiday.hint')}</span>
                  <HolidayTargetsGrid season={current.season} data={targets.data} {...undoKeys} />
                </>
              ),
          },
          {
            key: 'split',
            label: t('holiday.tabs.split'),
            children: <HolidaySplitTab season={current.season} {...undoKeys} />,
          },
          {
            key: 'stock',
            label: t('holiday.tabs.stock'),
            children: <HolidayStockTab season={current.season} {...undoKeys} />,
          },
          {
            key: 'operations',
            label: t('holidayOps.tabs.operations'),
            children: <HolidayPromotionsTab season={current.season} />,
          },
          {
            key: 'staffing',
            label: t('holidayOps.tabs.staffing'),
            children: <HolidayStaffingTab season={current.season} {...undoKeys} />,
          },
          {
            key: 'roster',
            label: t('holiday.tabs.roster'),
            children: <HolidayRosterTab season={current.season} {...undoKeys} />,
          },
          {
            key: 'inspection',
            label: t('holiday.tabs.inspection'),
            children: <HolidayInspectionTab season={current.season} />,
          },
          {
            key: 'tracking',
            label: t('holiday.tabs.tracking'),
            children: <HolidayTrackingTab season={current.season} {...undoKeys} />,
          },
        ]}
      />
    </div>
  );
}
