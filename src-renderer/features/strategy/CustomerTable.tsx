/**
 * The customer units (客户单位) with their class, tier, owner and status; a form adds or edits
 * one, and a field the backend refuses is marked in the form in the user's words.
 */
import { Button, Form, Input, Modal, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_STATUSES, type Customer } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { useOrgTree } from '../../api/hooks';
import { useErrorText } from '../../shell/error-text';
import { inOfficeDuring } from '../../../src-shared/domain/org-history';
import type { StrategyLookups } from './strategy-data';
import { useSaveCustomer } from './strategy-mutations';
import { useMessage } from '../../toasts';
import { withParens } from '../../i18n/punctuation';

type CustomerForm = Omit<Customer, 'id' | 'statusChangedOn'>;

/** The managers a customer can be given to: in office today (one who left this month is not, and the save refuses them). */
function inOfficeToday(lookups: StrategyLookups) {
  const today = dayjs().format('YYYY-MM-DD');
  return lookups.accountManagers.filter((p) => inOfficeDuring(p, today, today));
}

export function CustomerTable({ lookups }: { lookups: StrategyLookups }): ReactNode {
  const { t } = useTranslation();
  const message = useMessage();
  const errorText = useErrorText();
  const org = useOrgTree().data;
  const [editing, setEditing] = useState<Customer | 'new' | null>(null);
  const [filter, setFilter] = useState('');
  const [form] = Form.useForm<CustomerForm>();
  const { mutateAsync: saveCustomer } = useSaveCustomer();

  const open = (customer: Customer | 'new') => {
    setEditing(customer);
    const manager = inOfficeToday(lookups)[0];
    form.setFieldsValue(
      customer === 'new'
        ? { name: '', classId: lookups.customerClasses[0]?.id, tierId: null, managerId: manager?.id, unitId: manager?.unitId, status: 'target' }
        : {
            name: customer.name,
            classId: customer.classId,
            tierId: customer.tierId,
            managerId: customer.managerId,
            unitId: customer.unitId,
            status: customer.status,
          },
    );
  };

  const save = async () => {
    const values = await form.validateFields();
    // The owning unit follows the account manager: customers belong to their manager's team.
    const unitId = lookups.personById.get(values.managerId)?.unitId ?? values.unitId;
    try {
      // A cleared Select gives undefined; the contract says "no tier" with null.
      await saveCustomer({ ...values, tierId: values.tierId ?? null, unitId, id: editing === 'new' ? undefined : editing?.id });
      message.success(t('strategy.customerSaved', { name: values.name }));
      setEditing(null);
    } catch (error) {
      const issue = error instanceof AppError ? (error.details as { issues?: Array<{ path: string; message: string }> } | undefined)?.issues?.[0] : undefined;
      // The backend names the field; the words are ours, in the user's language.
      if (issue)
        form.setFields([
          { name: issue.path as keyof CustomerForm, errors: [t(`strategy.customerIssue.${issue.path}`, { defaultValue: t('strategy.customerIssue.other') })] },
        ]);
      else message.error(errorText(error));
    }
  };

  // Managers in office now, and the edited customer's own even if they have left (so the form still names them).
  const managerChoices = useMemo(() => {
    const inOffice = inOfficeToday(lookups);
    const own = editing && editing !== 'new' ? lookups.personById.get(editing.managerId) : undefined;
    return own && !inOffice.includes(own) ? [...inOffice, own] : inOffice;
  }, [lookups, editing]);
  const rows = useMemo(() => lookups.customers.filter((c) => !filter || c.name.includes(filter)), [lookups.customers, filter]);

  return (
    <div data-testid="customer-table">
      <Space style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('strategy.customers')}</Typography.Text>
        <Input.Search
          allowClear
          placeholder={t('strategy.searchCustomer')}
          onSearch={setFilter}
          onChange={(e) => !e.target.value && setFilter('')}
          style={{ width: 220 }}
        />
        <Button type="primary" onClick={() => open('new')} data-testid="new-customer">
          {t('strategy.newCustomer')}
        </Button>
      </Space>
      <Table<Customer>
        size="small"
        rowKey="id"
        dataSource={rows}
        pagination={{ pageSize: 12, showSizeChanger: false }}
        columns={[
          { title: t('strategy.col.customer'), dataIndex: 'name' },
          {
            title: t('strategy.col.class'),
            render: (_, c) => {
              const cls = lookups.customerClasses.find((x) => x.id === c.classId);
              return cls ? `${cls.parentName} · ${cls.name}` : '';
            },
          },
          { title: t('strategy.col.tier'), render: (_, c) => (c.tierId ? <Tag color="gold">{lookups.entryById.get(c.tierId)?.name}</Tag> : '—') },
          { title: t('strategy.col.manager'), render: (_, c) => lookups.personById.get(c.managerId)?.name ?? '' },
          {
            title: t('strategy.col.status'),
            render: (_, c) => (
              <Tag color={c.status === 'signed' ? 'green' : c.status === 'target' ? 'blue' : 'default'}>{t(`strategy.status.${c.status}`)}</Tag>
            ),
          },
          { title: t('strategy.col.statusChanged'), dataIndex: 'statusChangedOn', width: 110 },
          {
            title: '',
            width: 70,
            render: (_, c) => (
              <Button size="small" type="link" onClick={() => open(c)}>
                {t('strategy.edit')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('strategy.newCustomer') : t('strategy.editCustomer')}
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
        okText={t('strategy.save')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" data-testid="customer-form">
          <Form.Item
            name="name"
            label={t('strategy.col.customer')}
            rules={[{ required: true, whitespace: true, message: t('strategy.required') }, { max: 100 }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="classId" label={t('strategy.col.class')} rules={[{ required: true, message: t('strategy.required') }]}>
            <Select options={lookups.customerClasses.map((c) => ({ value: c.id, label: `${c.parentName} · ${c.name}` }))} />
          </Form.Item>
          <Form.Item name="tierId" label={t('strategy.col.tier')}>
            <Select allowClear options={[...lookups.tiers.map((tier) => ({ value: tier.id, label: tier.name }))]} placeholder={t('strategy.noTier')} />
          </Form.Item>
          <Form.Item name="managerId" label={t('strategy.col.manager')} rules={[{ required: true, message: t('strategy.required') }]}>
            <Select options={managerChoices.map((p) => ({ value: p.id, label: withParens(p.name, lookups.unitName(p.unitId)) }))} />
          </Form.Item>
          <Form.Item name="unitId" hidden>
            <Input />
          </Form.Item>
          <Form.Item name="status" label={t('strategy.col.status')} rules={[{ required: true }]} extra={t('strategy.statusHint')}>
            <Segmented options={CUSTOMER_STATUSES.map((s) => ({ value: s, label: t(`strategy.status.${s}`) }))} />
          </Form.Item>
        </Form>
        {org === undefined && <Typography.Text type="secondary">…</Typography.Text>}
      </Modal>
    </div>
  );
}
