/**
 * 促销与服务: the season's promotion activities (dates, stores, budget, expected lift, owner; what
 * the lift is worth comes from the split, so it follows every target change) and its service tasks
 * (卖场规范, 通道清理, 停车位, 促销员培训 …: owner, deadline, status, overdue marked by the backend).
 */
import { AutoComplete, Button, Empty, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SERVICE_TASK_STATUSES, SERVICE_TASK_SUGGESTIONS, type Promotion, type ServiceTask } from '../../../src-shared/contract/channels';
import { DayPicker } from '../../shell/DayPicker';
import { LoadingMark } from '../../shell/ToolButton';
import { useMessage } from '../../toasts';
import { useHolidayErrorText, useHolidayRoster, useHolidayTargets, useSeason } from './holiday-data';
import { usePromotions, usePromotionWrites, useServiceTasks } from './operations-data';
import { formatAmount } from './targets-model';

interface PromotionDraft {
  id?: string;
  name: string;
  firstDay?: string;
  lastDay?: string;
  storeIds: string[];
  budget: number | null;
  liftPercent: number | null;
  owner: string;
}

interface TaskDraft {
  id?: string;
  title: string;
  storeId: string | null;
  owner: string;
  deadline?: string;
  status: ServiceTask['status'];
}

/** Who owns a promotion or a task: typed, or one of the people the duty roster offers (the stores' and the group's). */
function OwnerInput({ season, value, onChange, testId }: { season: number; value: string; onChange: (owner: string) => void; testId: string }): ReactNode {
  const roster = useHolidayRoster(season);
  const owners = [...new Set((roster.data?.people ?? []).map((p) => p.name))].map((name) => ({ value: name }));
  return (
    <AutoComplete
      value={value}
      options={owners}
      filterOption={(input, option) => String(option?.value ?? '').includes(input)}
      onChange={onChange}
      data-testid={testId}
    />
  );
}

/** A dialog of fields in two columns (labels, inputs), saved by 保存, with the refusal under them (data-testid `<testId-stem>-problem`). */
function EditorDialog(props: {
  title: string;
  pending: boolean;
  onSave: () => void;
  onClose: () => void;
  testId: string;
  problem: string | null;
  children: ReactNode;
}): ReactNode {
  const { t } = useTranslation();
  const stem = props.testId.replace(/-editor$/, '');
  return (
    <Modal
      open
      title={props.title}
      okText={t('holidayOps.save')}
      cancelText={t('holidayOps.cancel')}
      onOk={props.onSave}
      confirmLoading={props.pending}
      onCancel={props.onClose}
      data-testid={props.testId}
    >
      <div className="pd-form-grid">{props.children}</div>
      {props.problem && (
        <Typography.Text type="danger" data-testid={`${stem}-problem`}>
          {props.problem}
        </Typography.Text>
      )}
    </Modal>
  );
}

function PromotionEditor({ season, draft, onClose }: { season: number; draft: PromotionDraft; onClose: () => void }): ReactNode {
  const { t } = useTranslation();
  const message = useMessage();
  const errorText = useHolidayErrorText();
  const writes = usePromotionWrites();
  const stores = useHolidayTargets(season).data?.stores ?? [];
  const window = useSeason(season).data;
  const [form, setForm] = useState(draft);
  const [problem, setProblem] = useState<string | null>(null);
  const missing = !form.name.trim()
    ? t('holidayOps.col.name')
    : !form.firstDay || !form.lastDay
      ? t('holidayOps.col.days')
      : form.storeIds.length === 0
        ? t('holidayOps.col.stores')
        : form.budget === null
          ? t('holidayOps.col.budget')
          : form.liftPercent === null
            ? t('holidayOps.col.lift')
            : !form.owner.trim()
              ? t('holidayOps.col.owner')
              : null;
  const save = async () => {
    if (missing) return setProblem(t('holidayOps.required', { field: missing }));
    try {
      const saved = await writes.savePromotion.mutateAsync({
        season,
        promotion: {
          id: form.id,
          name: form.name.trim(),
          firstDay: form.firstDay!,
          lastDay: form.lastDay!,
          storeIds: form.storeIds,
          budget: form.budget!,
          liftBp: Math.round(form.liftPercent! * 100),
          owner: form.owner.trim(),
        },
      });
      message.success(t('holidayOps.saved', { name: saved.name }));
      onClose();
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  return (
    <EditorDialog
      title={form.id ? form.name : t('holidayOps.addPromotion')}
      pending={writes.savePromotion.isPending}
      onSave={() => void save()}
      onClose={onClose}
      testId="promotion-editor"
      problem={problem}
    >
      <label>{t('holidayOps.col.name')}</label>
      <Input value={form.name} maxLength={60} onChange={(e) => setForm({ ...form, name: e.target.value })} data-testid="promotion-name" />
      <label>{t('holidayOps.col.days')}</label>
      <Space>
        <DayPicker
          width={140}
          value={form.firstDay}
          min={window?.firstDay}
          max={window?.lastDay}
          onChange={(firstDay) => setForm({ ...form, firstDay })}
          data-testid="promotion-first"
        />
        <span>—</span>
        <DayPicker
          width={140}
          value={form.lastDay}
          min={form.firstDay ?? window?.firstDay}
          max={window?.lastDay}
          onChange={(lastDay) => setForm({ ...form, lastDay })}
          data-testid="promotion-last"
        />
      </Space>
      <label>{t('holidayOps.col.stores')}</label>
      <Select
        mode="multiple"
        value={form.storeIds}
        onChange={(storeIds) => setForm({ ...form, storeIds })}
        options={stores.map((s) => ({ value: s.id, label: s.name }))}
        data-testid="promotion-stores"
      />
      <label>{t('holidayOps.col.budget')}</label>
      <InputNumber
        min={0}
        max={1e10}
        precision={0}
        style={{ width: 180 }}
        value={form.budget}
        onChange={(budget) => setForm({ ...form, budget })}
        data-testid="promotion-budget"
      />
      <label>{t('holidayOps.col.lift')}</label>
      <InputNumber
        min={0}
        max={1000}
        step={0.5}
        addonAfter="%"
        style={{ width: 140 }}
        value={form.liftPercent}
        onChange={(liftPercent) => setForm({ ...form, liftPercent })}
        data-testid="promotion-lift"
      />
      <label>{t('holidayOps.col.owner')}</label>
      <OwnerInput season={season} value={form.owner} onChange={(owner) => setForm({ ...form, owner })} testId="promotion-owner" />
    </EditorDialog>
  );
}

function TaskEditor({ season, draft, onClose }: { season: number; draft: TaskDraft; onClose: () => void }): ReactNode {
  const { t } = useTranslation();
  const message = useMessage();
  const errorText = useHolidayErrorText();
  const writes = usePromotionWrites();
  const stores = useHolidayTargets(season).data?.stores ?? [];
  const window = useSeason(season).data;
  const [form, setForm] = useState(draft);
  const [problem, setProblem] = useState<string | null>(null);
  const missing = !form.title.trim()
    ? t('holidayOps.col.title')
    : !form.owner.trim()
      ? t('holidayOps.col.owner')
      : !form.deadline
        ? t('holidayOps.col.deadline')
        : null;
  const save = async () => {
    if (missing) return setProblem(t('holidayOps.required', { field: missing }));
    try {
      const saved = await writes.saveTask.mutateAsync({
        season,
        task: { id: form.id, title: form.title.trim(), storeId: form.storeId, owner: form.owner.trim(), deadline: form.deadline!, status: form.status },
      });
      message.success(t('holidayOps.saved', { name: saved.title }));
      onClose();
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  return (
    <EditorDialog
      title={form.id ? form.title : t('holidayOps.addTask')}
      pending={writes.saveTask.isPending}
      onSave={() => void save()}
      onClose={onClose}
      testId="task-editor"
      problem={problem}
    >
      <label>{t('holidayOps.col.title')}</label>
      <AutoComplete
        value={form.title}
        options={SERVICE_TASK_SUGGESTIONS.map((value) => ({ value }))}
        onChange={(title: string) => setForm({ ...form, title })}
        data-testid="task-title"
      />
      <label>{t('holidayOps.col.store')}</label>
      <Select
        value={form.storeId ?? ''}
        onChange={(storeId: string) => setForm({ ...form, storeId: storeId === '' ? null : storeId })}
        options={[{ value: '', label: t('holidayOps.allStores') }, ...stores.map((s) => ({ value: s.id, label: s.name }))]}
        data-testid="task-store"
      />
      <label>{t('holidayOps.col.owner')}</label>
      <OwnerInput season={season} value={form.owner} onChange={(owner) => setForm({ ...form, owner })} testId="task-owner" />
      <label>{t('holidayOps.col.deadline')}</label>
      <DayPicker width={140} value={form.deadline} max={window?.lastDay} onChange={(deadline) => setForm({ ...form, deadline })} data-testid="task-deadline" />
      <label>{t('holidayOps.col.status')}</label>
      <Select
        value={form.status}
        onChange={(status) => setForm({ ...form, status })}
        options={SERVICE_TASK_STATUSES.map((s) => ({ value: s, label: t(`holidayOps.status.${s}`) }))}
        style={{ width: 140 }}
        data-testid="task-status"
      />
    </EditorDialog>
  );
}

export function HolidayPromotionsTab({ season }: { season: number }): ReactNode {
  const { t } = useTranslation();
  const errorText = useHolidayErrorText();
  const message = useMessage();
  const promotions = usePromotions(season);
  const tasks = useServiceTasks(season);
  const writes = usePromotionWrites();
  const [promotionDraft, setPromotionDraft] = useState<PromotionDraft | null>(null);
  const [taskDraft, setTaskDraft] = useState<TaskDraft | null>(null);

  const failed = promotions.error ?? tasks.error;
  if (failed) return <Empty description={errorText(failed)} />;
  if (!promotions.data || !tasks.data) return <LoadingMark />;
  const overdue = tasks.data.tasks.filter((task) => task.overdue).length;
  const totals = promotions.data.promotions.reduce((sum, p) => ({ budget: sum.budget + p.budget, lift: sum.lift + p.expectedLift }), { budget: 0, lift: 0 });
  const report = (error: unknown) => message.error(errorText(error));

  return (
    <div className="pd-operations" data-testid="holiday-operations">
      <Space wrap size={[8, 4]}>
        <Typography.Text strong>{t('holidayOps.promotions')}</Typography.Text>
        <Button
          size="small"
          type="primary"
          onClick={() => setPromotionDraft({ name: '', storeIds: [], budget: null, liftPercent: null, owner: '' })}
          data-testid="promotion-add"
        >
          {t('holidayOps.addPromotion')}
        </Button>
        <span className="pd-text-secondary" data-testid="promotion-totals">
          {t('holidayOps.totals', { budget: formatAmount(totals.budget), lift: formatAmount(totals.lift) })}
        </span>
      </Space>
      <Table<Promotion>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={promotions.data.promotions}
        locale={{ emptyText: t('holidayOps.noPromotions') }}
        // Names keep their width on a laptop; the table scrolls sideways instead.
        scroll={{ x: 1150 }}
        tableLayout="fixed"
        data-testid="promotion-list"
        columns={[
          { title: t('holidayOps.col.name'), dataIndex: 'name', width: 200, ellipsis: { showTitle: true } },
          { title: t('holidayOps.col.days'), width: 170, render: (_, p) => `${p.firstDay} — ${p.lastDay.slice(5)}` },
          { title: t('holidayOps.col.stores'), width: 170, render: (_, p) => p.storeNames.join('、') },
          { title: t('holidayOps.col.budget'), width: 110, align: 'right', render: (_, p) => formatAmount(p.budget) },
          { title: t('holidayOps.col.lift'), width: 84, align: 'right', render: (_, p) => `+${(p.liftBp / 100).toFixed(1)}%` },
          {
            title: <Tooltip title={t('holidayOps.tip.baseSales')}>{t('holidayOps.col.baseSales')}</Tooltip>,
            width: 160,
            align: 'right',
            render: (_, p) => (p.baseSales === 0 ? <span className="pd-text-secondary">{t('holidayOps.notSplit')}</span> : formatAmount(p.baseSales)),
          },
          {
            title: <Tooltip title={t('holidayOps.tip.expectedLift')}>{t('holidayOps.col.expectedLift')}</Tooltip>,
            width: 130,
            align: 'right',
            render: (_, p) => (p.baseSales === 0 ? '—' : formatAmount(p.expectedLift)),
          },
          { title: t('holidayOps.col.owner'), width: 90, dataIndex: 'owner' },
          {
            title: t('holidayOps.col.actions'),
            width: 110,
            render: (_, p) => (
              <Space size={4}>
                <Button
                  size="small"
                  type="link"
                  onClick={() => setPromotionDraft({ ...p, liftPercent: p.liftBp / 100 })}
                  data-testid={`promotion-edit-${p.id}`}
                >
                  {t('holidayOps.edit')}
                </Button>
                <Popconfirm
                  title={t('holidayOps.deleteConfirm', { name: p.name })}
                  okText={t('holidayOps.delete')}
                  cancelText={t('holidayOps.cancel')}
                  onConfirm={() => writes.deletePromotion.mutateAsync({ season, id: p.id }).catch(report)}
                >
                  <Button size="small" type="link" danger>
                    {t('holidayOps.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Space wrap size={[8, 4]} style={{ marginTop: 8 }}>
        <Typography.Text strong>{t('holidayOps.services')}</Typography.Text>
        <Button size="small" type="primary" onClick={() => setTaskDraft({ title: '', storeId: null, owner: '', status: 'todo' })} data-testid="task-add">
          {t('holidayOps.addTask')}
        </Button>
        {overdue > 0 ? (
          <Tag color="red" data-testid="tasks-overdue">
            {t('holidayOps.overdueCount', { count: overdue })}
          </Tag>
        ) : (
          <Tag color="green" data-testid="tasks-overdue">
            {t('holidayOps.noneOverdue')}
          </Tag>
        )}
      </Space>
      <Table<ServiceTask>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={tasks.data.tasks}
        locale={{ emptyText: t('holidayOps.noTasks') }}
        scroll={{ x: 870 }}
        tableLayout="fixed"
        data-testid="task-list"
        rowClassName={(task) => (task.overdue ? 'pd-row-overdue' : '')}
        columns={[
          { title: t('holidayOps.col.title'), dataIndex: 'title', width: 240, ellipsis: { showTitle: true } },
          { title: t('holidayOps.col.store'), width: 110, render: (_, task) => task.storeName ?? t('holidayOps.allStores') },
          { title: t('holidayOps.col.owner'), width: 100, dataIndex: 'owner' },
          {
            title: t('holidayOps.col.deadline'),
            width: 150,
            render: (_, task) => (
              <Space size={4}>
                {task.deadline}
                {task.overdue && <Tag color="red">{t('holidayOps.overdue')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('holidayOps.col.status'),
            width: 120,
            render: (_, task) => (
              <Select
                size="small"
                value={task.status}
                style={{ width: 100 }}
                aria-label={`${task.title} ${t('holidayOps.col.status')}`}
                data-testid={`task-status-${task.id}`}
                onChange={(status) => void writes.saveTask.mutateAsync({ season, task: { ...task, status } }).catch(report)}
                options={SERVICE_TASK_STATUSES.map((s) => ({ value: s, label: t(`holidayOps.status.${s}`) }))}
              />
            ),
          },
          {
            title: t('holidayOps.col.actions'),
            width: 110,
            render: (_, task) => (
              <Space size={4}>
                <Button size="small" type="link" onClick={() => setTaskDraft(task)}>
                  {t('holidayOps.edit')}
                </Button>
                <Popconfirm
                  title={t('holidayOps.deleteConfirm', { name: task.title })}
                  okText={t('holidayOps.delete')}
                  cancelText={t('holidayOps.cancel')}
                  onConfirm={() => writes.deleteTask.mutateAsync({ season, id: task.id }).catch(report)}
                >
                  <Button size="small" type="link" danger>
                    {t('holidayOps.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {promotionDraft && <PromotionEditor season={season} draft={promotionDraft} onClose={() => setPromotionDraft(null)} />}
      {taskDraft && <TaskEditor season={season} draft={taskDraft} onClose={() => setTaskDraft(null)} />}
    </div>
  );
}
