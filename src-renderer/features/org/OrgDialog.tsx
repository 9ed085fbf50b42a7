/** The dialog of each org change: its fields (name, kind or role, target unit, effective date) and its save. */
import { DatePicker, Input, Modal, Select, TreeSelect, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PERSON_ROLES, UNIT_KINDS, type UnitKind } from '../../../src-shared/contract/channels';
import { useMessage } from '../../toasts';
import { useOrgWrites } from './org-data';
import '../../i18n/dayjs-locale';

const DAY = 'YYYY-MM-DD';
type Role = (typeof PERSON_ROLES)[number];

export interface UnitOption {
  value: string;
  title: string;
  children: UnitOption[];
  disabled: boolean;
}

export type Dialog =
  | { kind: 'add-unit'; parentId: string; level: UnitKind; name: string; date: string }
  | { kind: 'add-person'; unitId: string; role: Role; name: string; date: string }
  | { kind: 'edit-unit'; id: string; level: UnitKind; name: string }
  | { kind: 'edit-person'; id: string; role: Role; name: string }
  | { kind: 'move'; id: string; person: boolean; target: string | undefined; date: string }
  | { kind: 'retire'; id: string; name: string; date: string };

interface Props {
  dialog: Dialog | null;
  setDialog: (dialog: Dialog | null) => void;
  unitOptions: UnitOption[];
  isPerson: (id: string) => boolean;
  nodeName: string;
  run: (work: () => Promise<unknown>, name: string) => Promise<void>;
}

export function OrgDialog({ dialog, setDialog, unitOptions, isPerson, nodeName, run }: Props): ReactNode {
  const { t } = useTranslation();
  const message = useMessage();
  const writes = useOrgWrites();
  const save = () => {
    if (!dialog) return;
    switch (dialog.kind) {
      case 'add-unit':
        if (!dialog.name.trim()) return message.warning(t('orgPage.required', { field: t('orgPage.name') }));
        return void run(
          () => writes.addUnit.mutateAsync({ parentId: dialog.parentId, level: dialog.level, name: dialog.name, effectiveFrom: dialog.date }),
          dialog.name,
        );
      case 'add-person':
        if (!dialog.name.trim()) return message.warning(t('orgPage.required', { field: t('orgPage.personName') }));
        return void run(
          () => writes.addPerson.mutateAsync({ unitId: dialog.unitId, role: dialog.role, name: dialog.name, effectiveFrom: dialog.date }),
          dialog.name,
        );
      case 'edit-unit':
        if (!dialog.name.trim()) return message.warning(t('orgPage.required', { field: t('orgPage.name') }));
        return void run(() => writes.saveUnit.mutateAsync({ id: dialog.id, level: dialog.level, name: dialog.name }), dialog.name);
      case 'edit-person':
        if (!dialog.name.trim()) return message.warning(t('orgPage.required', { field: t('orgPage.personName') }));
        return void run(() => writes.savePerson.mutateAsync({ id: dialog.id, role: dialog.role, name: dialog.name }), dialog.name);
      case 'move': {
        const target = dialog.target;
        if (!target) return message.warning(t('orgPage.required', { field: t(dialog.person ? 'orgPage.unit' : 'orgPage.parent') }));
        const name = nodeName;
        return void run(
          () =>
            dialog.person
              ? writes.movePerson.mutateAsync({ id: dialog.id, unitId: target, effectiveFrom: dialog.date })
              : writes.moveUnit.mutateAsync({ id: dialog.id, parentId: target, effectiveFrom: dialog.date }),
          name,
        );
      }
      case 'retire':
        return void run(() => writes.retire.mutateAsync({ id: dialog.id, effectiveFrom: dialog.date }), dialog.name);
    }
  };

  const dateField = (value: string, onChange: (day: string) => void) => (
    <label className="pd-org-field">
      <span>{t('orgPage.effectiveFrom')}</span>
      <DatePicker
        data-testid="org-date"
        format={DAY}
        allowClear={false}
        value={dayjs(value, DAY)}
        onChange={(day: Dayjs | null) => day && onChange(day.format(DAY))}
        aria-label={t('orgPage.effectiveFrom')}
      />
      <Typography.Text type="secondary" className="pd-hint">
        {t('orgPage.effectiveHint')}
      </Typography.Text>
    </label>
  );
  const nameField = (value: string, onChange: (name: string) => void, label: string) => (
    <label className="pd-org-field">
      <span>{label}</span>
      <Input data-testid="org-name" autoFocus value={value} maxLength={60} onChange={(e) => onChange(e.target.value)} onPressEnter={save} aria-label={label} />
    </label>
  );
  const kindField = (value: UnitKind, onChange: (kind: UnitKind) => void) => (
    <label className="pd-org-field">
      <span>{t('orgPage.kind')}</span>
      <Select<UnitKind>
        data-testid="org-kind"
        value={value}
        onChange={onChange}
        options={UNIT_KINDS.filter((k) => k !== 'company').map((k) => ({ value: k, label: t(`orgPage.kinds.${k}`) }))}
        aria-label={t('orgPage.kind')}
      />
    </label>
  );
  const roleField = (value: Role, onChange: (role: Role) => void) => (
    <label className="pd-org-field">
      <span>{t('orgPage.role')}</span>
      <Select<Role>
        data-testid="org-role"
        value={value}
        onChange={onChange}
        options={PERSON_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`, { defaultValue: r }) }))}
        aria-label={t('orgPage.role')}
      />
    </label>
  );

  const dialogBody = (): ReactNode => {
    if (!dialog) return null;
    const set = (patch: Partial<Dialog>) => setDialog({ ...dialog, ...patch } as Dialog);
    switch (dialog.kind) {
      case 'add-unit':
        return (
          <>
            {kindField(dialog.level, (level) => set({ level }))}
            {nameField(dialog.name, (name) => set({ name }), t('orgPage.name'))}
            {dateField(dialog.date, (date) => set({ date }))}
          </>
        );
      case 'add-person':
        return (
          <>
            {nameField(dialog.name, (name) => set({ name }), t('orgPage.personName'))}
            {roleField(dialog.role, (role) => set({ role }))}
            {dateField(dialog.date, (date) => set({ date }))}
          </>
        );
      case 'edit-unit':
        return (
          <>
            {kindField(dialog.level, (level) => set({ level }))}
            {nameField(dialog.name, (name) => set({ name }), t('orgPage.name'))}
          </>
        );
      case 'edit-person':
        return (
          <>
            {nameField(dialog.name, (name) => set({ name }), t('orgPage.personName'))}
            {roleField(dialog.role, (role) => set({ role }))}
          </>
        );
      case 'move':
        return (
          <>
            <label className="pd-org-field">
              <span>{t(dialog.person ? 'orgPage.unit' : 'orgPage.parent')}</span>
              <TreeSelect
                data-testid="org-target"
                showSearch
                treeNodeFilterProp="title"
                treeDefaultExpandAll
                value={dialog.target}
                onChange={(target: string) => set({ target })}
                treeData={unitOptions}
                aria-label={t(dialog.person ? 'orgPage.unit' : 'orgPage.parent')}
              />
            </label>
            {dateField(dialog.date, (date) => set({ date }))}
          </>
        );
      case 'retire':
        return (
          <>
            {dateField(dialog.date, (date) => set({ date }))}
            <Typography.Paragraph>{t('orgPage.retireConfirm', { name: dialog.name, date: dialog.date })}</Typography.Paragraph>
          </>
        );
    }
  };

  const dialogTitle = dialog
    ? {
        'add-unit': t('orgPage.addUnit'),
        'add-person': t('orgPage.addPerson'),
        'edit-unit': t('orgPage.rename'),
        'edit-person': t('orgPage.rename'),
        move: t('orgPage.move'),
        retire: t(dialog.kind === 'retire' && isPerson(dialog.id) ? 'orgPage.retire' : 'orgPage.retireUnit'),
      }[dialog.kind]
    : '';

  return (
    <Modal
      open={dialog !== null}
      title={dialogTitle}
      onCancel={() => setDialog(null)}
      onOk={save}
      okText={t('orgPage.ok')}
      cancelText={t('orgPage.cancel')}
      okButtonProps={{ 'data-testid': 'org-ok' } as Record<`data-${string}`, string>}
      destroyOnHidden
    >
      <div className="pd-org-form">{dialogBody()}</div>
    </Modal>
  );
}
