/**
 * The editable dictionaries behind every list on the strategy tables. Rows store dictionary ids,
 * so a rename shows everywhere at once; deleting an entry that is in use is refused with its count.
 */
import { Button, Input, Modal, Popconfirm, Segmented, Space, Table, Typography } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DictionaryEntry, DictionaryName } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { useErrorText } from '../../shell/error-text';
import type { StrategyLookups } from './strategy-data';
import { useDeleteDictionaryEntry, useSaveDictionaryEntry } from './strategy-mutations';
import { useMessage } from '../../toasts';

const EDITABLE_DICTIONARIES: DictionaryName[] = ['customer-class', 'product-class', 'habit-dimension', 'account-tier'];

interface EntryNode extends DictionaryEntry {
  children?: EntryNode[];
}

export function DictionaryEditor({ lookups }: { lookups: StrategyLookups }): ReactNode {
  const { t } = useTranslation();
  const message = useMessage();
  const errorText = useErrorText();
  const [dictionary, setDictionary] = useState<DictionaryName>('customer-class');
  const [adding, setAdding] = useState<{ parentId: string | null; name: string } | null>(null);
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const { mutateAsync: saveEntry } = useSaveDictionaryEntry();
  const { mutateAsync: deleteEntry } = useDeleteDictionaryEntry();

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
      await saveEntry(entry);
      message.success(t('strategy.dictionarySaved', { name: entry.name }));
      setAdding(null);
      setRenaming(null);
    } catch (error) {
      const path =
        error instanceof AppError && error.code === 'INVALID_INPUT'
          ? ((error.details as { issues?: Array<{ path: string }> } | undefined)?.issues?.[0]?.path ?? 'name')
          : null;
      message.error(path ? t(`strategy.entryIssue.${path === 'parentId' ? 'parentId' : 'name'}`, { name: entry.name }) : errorText(error));
    }
  };

  const remove = async (entry: DictionaryEntry) => {
    try {
      await deleteEntry({ id: entry.id });
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
        onOk={() =>
          adding && adding.name.trim() && void save({ parentId: adding.parentId, name: adding.name.trim(), dictionary: dictionaryOf(adding.parentId) })
        }
        destroyOnHidden
      >
        <Input autoFocus value={adding?.name ?? ''} onChange={(e) => setAdding((a) => (a ? { ...a, name: e.target.value } : a))} maxLength={100} />
      </Modal>
    </div>
  );
}
