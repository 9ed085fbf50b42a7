/**
 * 客户与字典: the customer units (客户单位) with their class, tier, owner and status, and the
 * editable dictionaries behind every list on the strategy tables. Rows store dictionary ids, so a
 * rename shows everywhere at once; deleting an entry that is in use is refused with its count.
 */
import { App as AntApp, Button, Col, Form, Input, Modal, Popconfirm, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_STATUSES, type Customer, type DictionaryEntry, type DictionaryName } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { invoke } from '../../api/client';
import { useOrgTree } from '../../api/hooks';
import { useErrorText } from '../../shell/error-text';
import type { StrategyLookups } from './strategy-data';

export function CustomersAndDictionaries({ lookups }: { lookups: StrategyLookups }): ReactNode {
  return (
    <Row gutter={16}>
      <Col xs={24} xl={15}>
        <CustomerTable lookups={lookups} />
      </Col>
      <Col xs={24} xl={9}>
        <DictionaryEditor lookups={lookups} />
      </Col>
    </Row>
  );
}

type CustomerForm = Omit<Customer, 'id' | 'statusChangedOn'>;

function CustomerTable({ lookups }: { lookups: StrategyLookups }): ReactNode {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const errorText = useErrorText();
  const org = useOrgTree().data;
  const [editing, setEditing] = useState<Customer | 'new' | null>(null);
  const [filter, setFilter] = useState('');
  const [form] = Form.useForm<CustomerForm>();

  const open = (customer: Customer | 'new') => {
    setEditing(customer);
    const manager = lookups.accountManagers[0];
    form.setFieldsValue(
      customer === 'new'
        ? { name: '', classId: lookups.customerClasses[0]?.id, tierId: null, managerId: manager?.id, unitId: manager?.unitId, status: 'target' }
        : { name: customer.name, classId: customer.classId, tierId: customer.tierId, managerId: customer.managerId, unitId: customer.unitId, status: customer.status },
    );
  };

  const save = async () => {
    const values = await form.validateFields();
    // The owning unit follows the account manager: customers belong to their manager's team.
    const unitId = lookups.personById.get(values.managerId)?.unitId ?? values.unitId;
    try {
      // A cleared Select gives undefined; the contract says "no tier" with null.
      await invoke('customers/save', { ...values, tierId: values.tierId ?? null, unitId, id: editing === 'new' ? undefined : editing?.id });
      message.success(t('strategy.customerSaved', { name: values.name }));
      setEditing(null);
    } catch (error) {
      const issue = error instanceof AppError ? (error.details as { issues?: Array<{ path: string; message: string }> } | undefined)?.issues?.[0] : undefined;
      // The backend names the field; the words are ours, in the user's language.
      if (issue) form.setFields([{ name: issue.path as keyof CustomerForm, errors: [t(`strategy.customerIssue.${issue.path}`, { defaultValue: t('strategy.customerIssue.other') })] }]);
      else message.error(errorText(error));
    }
  };

  const rows = useMemo(() => lookups.customers.filter((c) => !filter || c.name.includes(filter)), [lookups.customers, filter]);

  return (
    <div data-testid="customer-table">
      <Space style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('strategy.customers')}</Typography.Text>
        <Input.Search allowClear placeholder={t('strategy.searchCustomer')} onSearch={setFilter} onChange={(e) => !e.target.value && setFilter('')} style={{ width: 220 }} />
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
          { title: t('strategy.col.class'), render: (_, c) => { const cls = lookups.customerClasses.find((x) => x.id === c.classId); return cls ? `${cls.parentName} · ${cls.name}` : ''; } },
          { title: t('strategy.col.tier'), render: (_, c) => (c.tierId ? <Tag color="gold">{lookups.entryById.get(c.tierId)?.name}</Tag> : '—') },
          { title: t('strategy.col.manager'), render: (_, c) => lookups.personById.get(c.managerId)?.name ?? '' },
          { title: t('strategy.col.status'), render: (_, c) => <Tag color={c.status === 'signed' ? 'green' : c.status === 'target' ? 'blue' : 'default'}>{t(`strategy.status.${c.status}`)}</Tag> },
          { title: t('strategy.col.statusChanged'), dataIndex: 'statusChangedOn', width: 110 },
          { title: '', width: 70, render: (_, c) => <Button size="small" type="link" onClick={() => open(c)}>{t('strategy.edit')}</Button> },
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
          <Form.Item name="name" label={t('strategy.col.customer')} rules={[{ required: true, whitespace: true, message: t('strategy.required') }, { max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="classId" label={t('strategy.col.class')} rules={[{ required: true, message: t('strategy.required') }]}>
            <Select options={lookups.customerClasses.map((c) => ({ value: c.id, label: `${c.parentName} · ${c.name}` }))} />
          </Form.Item>
          <Form.Item name="tierId" label={t('strategy.col.tier')}>
            <Select allowClear options={[...lookups.tiers.map((tier) => ({ value: tier.id, label: tier.name }))]} placeholder={t('strategy.noTier')} />
          </Form.Item>
          <Form.Item name="managerId" label={t('strategy.col.manager')} rules={[{ required: true, message: t('strategy.required') }]}>
            <Select options={lookups.accountManagers.map((p) => ({ value: p.id, label: `${p.name}（${lookups.unitName(p.unitId)}）` }))} />
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

const EDITABLE_DICTIONARIES: DictionaryName[] = ['customer-class', 'product-class', 'habit-dimension', 'account-tier'];

interface EntryNode extends DictionaryEntry {
  children?: EntryNode[];
}

function DictionaryEditor({ lookups }: { lookups: StrategyLookups }): ReactNode {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const errorText = useErrorText();
  const [dictionary, setDictionary] = useState<DictionaryName>('customer-class');
  const [adding, setAdding] = useState<{ parentId: string | null; name: string } | null>(null);
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);

  // Products hang under product classes: shown and added as that dictionary's children.
  const tree = useMemo((): EntryNode[] => {
    const childDictionary: DictionaryName = dictionary === 'product-class' ? 'product' : dictionary;
    const top = lookups.entries.filter((e) => e.dictionary === dictionary && e.parentId === null);
    const children = lookups.entries.filter((e) => e.dictionary === childDictionary && e.parentId !== null);
    return top.map((entry) => {
      const kids = children.filter((c) => c.parentId === entry.id);
      return kids.length > 0 || dictionary !== 'account-tier' ? { ...entry, children: kids } : entry;
    });
  }, [lookups.entries, dictionary]);

  // The habit dimensions label the fixed columns of the habits table: renamed, never added or removed.
  const fixedEntries = dictionary === 'habit-dimension';
  const dictionaryOf = (parentId: string | null): DictionaryName => (dictionary === 'product-class' && parentId !== null ? 'product' : dictionary);

  const save = async (entry: { id?: string; parentId: string | null; name: string; dictionary: DictionaryName; archived?: boolean }) => {
    try {
      await invoke('dictionaries/save-entry', entry);
      message.success(t('strategy.dictionarySaved', { name: entry.name }));
      setAdding(null);
      setRenaming(null);
    } catch (error) {
      const path = error instanceof AppError && error.code === 'INVALID_INPUT' ? ((error.details as { issues?: Array<{ path: string }> } | undefined)?.issues?.[0]?.path ?? 'name') : null;
      message.error(path ? t(`strategy.entryIssue.${path === 'parentId' ? 'parentId' : 'name'}`, { name: entry.name }) : errorText(error));
    }
  };

  const remove = async (entry: DictionaryEntry) => {
    try {
      await invoke('dictionaries/delete-entry', { id: entry.id });
      message.success(t('strategy.dictionaryDeleted', { name: entry.name }));
    } catch (error) {
      const count = error instanceof AppError && error.code === 'IN_USE' ? (error.details as { count?: number }).count : undefined;
      message.error(count !== undefined ? t('strategy.inUse', { name: entry.name, count }) : errorText(error));
    }
  };

  return (
    <div data-testid="dictionary-editor">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text strong>{t('strategy.dictionaries')}</Typography.Text>
        <Segmented<DictionaryName>
          value={dictionary}
          onChange={setDictionary}
          options={EDITABLE_DICTIONARIES.map((d) => ({ value: d, label: t(`strategy.dictionary.${d}`) }))}
        />
        <Table<EntryNode>
          size="small"
          rowKey="id"
          dataSource={tree}
          pagination={false}
          defaultExpandAllRows
          expandable={{ defaultExpandAllRows: true }}
          key={dictionary}
          columns={[
            {
              title: t('strategy.dictionaryName'),
              render: (_, entry) =>
                renaming?.id === entry.id ? (
                  <Input
                    size="small"
                    autoFocus
                    value={renaming.name}
                    onChange={(e) => setRenaming({ id: entry.id, name: e.target.value })}
                    onPressEnter={() => renaming.name.trim() && void save({ ...entry, name: renaming.name.trim() })}
                    onKeyDown={(e) => e.key === 'Escape' && setRenaming(null)}
                    onBlur={() => setRenaming(null)}
                    style={{ width: 160 }}
                    aria-label={t('strategy.rename')}
                  />
                ) : (
                  <span className={entry.archived ? 'pd-archived' : undefined}>{entry.name}</span>
                ),
            },
            {
              title: '',
              width: 190,
              render: (_, entry) => (
                <Space size={0}>
                  <Button size="small" type="link" onClick={() => setRenaming({ id: entry.id, name: entry.name })}>
                    {t('strategy.rename')}
                  </Button>
                  {entry.parentId === null && dictionary !== 'account-tier' && !fixedEntries && (
                    <Button size="small" type="link" onClick={() => setAdding({ parentId: entry.id, name: '' })}>
                      {t('strategy.addChild')}
                    </Button>
                  )}
                  {!fixedEntries && (
                    <Popconfirm title={t('strategy.confirmDelete', { name: entry.name })} onConfirm={() => void remove(entry)}>
                      <Button size="small" type="link" danger>
                        {t('strategy.delete')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
        {fixedEntries ? (
          <Typography.Text type="secondary">{t('strategy.fixedDimensions')}</Typography.Text>
        ) : (
          <Button onClick={() => setAdding({ parentId: null, name: '' })}>{t('strategy.addEntry')}</Button>
        )}
      </Space>
      <Modal
        open={adding !== null}
        title={t('strategy.addEntryTitle', { dictionary: t(`strategy.dictionary.${adding ? dictionaryOf(adding.parentId) : dictionary}`) })}
        onCancel={() => setAdding(null)}
        onOk={() => adding && adding.name.trim() && void save({ parentId: adding.parentId, name: adding.name.trim(), dictionary: dictionaryOf(adding.parentId) })}
        destroyOnHidden
      >
        <Input autoFocus value={adding?.name ?? ''} onChange={(e) => setAdding((a) => (a ? { ...a, name: e.target.value } : a))} maxLength={100} />
      </Modal>
    </div>
  );
}
