/**
 * The organisation as it stands now, every unit and person (retired ones greyed, with the date),
 * and what can be done to the selected one: add a unit or a person below, edit, move to another
 * unit, move up or down among its siblings, retire or reinstate. Dated changes ask for the day they
 * take effect (default: the next plan year's 1 January). The antd Tree is the keyboard's: arrows
 * move, Enter selects; the actions are buttons in tab order.
 */
import { Button, Checkbox, Descriptions, Empty, Space, Tag, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PERSON_ROLES, type OrgUnit, type Person } from '../../../src-shared/contract/channels';
import { nestTree, orgTreeOf, pathNames, type TreeNode } from '../../../src-shared/domain/org-tree';
import { useWorkspaceInfo } from '../../api/hooks';
import { useMessage } from '../../toasts';
import { useOrgHistory, useOrgWrites } from './org-data';
import { useOrgErrorText } from './org-errors';
import { OrgDialog, type Dialog, type UnitOption } from './OrgDialog';
import { withColon } from '../../i18n/punctuation';

export function OrgTreePanel(): ReactNode {
  const { t } = useTranslation();
  const message = useMessage();
  const errorText = useOrgErrorText();
  const history = useOrgHistory();
  const info = useWorkspaceInfo();
  const writes = useOrgWrites();
  const [selected, setSelected] = useState<string | null>(null);
  const [showRetired, setShowRetired] = useState(true);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const defaultDate = `${(info.data?.planYear ?? new Date().getFullYear()) + 1}-01-01`;

  const data = history.data;
  const units = useMemo(() => new Map((data?.units ?? []).map((u) => [u.id, u])), [data]);
  const people = useMemo(() => new Map((data?.people ?? []).map((p) => [p.id, p])), [data]);
  const tree = useMemo(
    () =>
      orgTreeOf(
        data?.units ?? [],
        (data?.people ?? []).filter((p) => showRetired || !p.retiredFrom),
      ),
    [data, showRetired],
  );

  const tag = (node: OrgUnit | Person | undefined, isUnit: boolean) => {
    if (!node) return null;
    if (node.retiredFrom) return <Tag color="default">{t(isUnit ? 'orgPage.retiredUnitTag' : 'orgPage.retiredTag', { date: node.retiredFrom })}</Tag>;
    if (node.activeFrom) return <Tag color="blue">{t('orgPage.startsTag', { date: node.activeFrom })}</Tag>;
    return null;
  };

  const treeData = useMemo(
    () =>
      nestTree(tree, (node: TreeNode, children: DataNode[]): DataNode => {
        const isUnit = node.kind === 'unit';
        const record = isUnit ? units.get(node.id) : people.get(node.id);
        return {
          key: node.id,
          children: children.length > 0 ? children : undefined,
          isLeaf: children.length === 0,
          title: (
            <span className={record?.retiredFrom ? 'pd-org-node pd-org-retired' : 'pd-org-node'} data-testid={`org-node-${node.id}`}>
              <span>{node.name}</span>
              <span className={`pd-tree-tag pd-tag-${node.kind}`}>
                {isUnit ? t(`orgPage.kinds.${node.label}`) : t(`roles.${node.label}`, { defaultValue: node.label })}
              </span>
              {tag(record, isUnit)}
            </span>
          ),
        };
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [tree, units, people, t],
  );
  const expandedKeys = useMemo(() => (data?.units ?? []).map((u) => u.id), [data]);

  const unitOptions = useMemo(
    () =>
      nestTree(orgTreeOf(data?.units ?? [], []), (node: TreeNode, children: UnitOption[]): UnitOption => ({
        value: node.id,
        title: node.name,
        children,
        disabled: Boolean(units.get(node.id)?.retiredFrom),
      })),
    [data, units],
  );

  const run = async (work: () => Promise<unknown>, name: string) => {
    try {
      await work();
      message.success(t('orgPage.saved', { name }));
      setDialog(null);
    } catch (error) {
      message.error(errorText(error));
    }
  };

  const unit = selected ? units.get(selected) : undefined;
  const person = selected ? people.get(selected) : undefined;
  const node = unit ?? person;

  /** Moves the selected node one place among its siblings of its own kind (units, or people). */
  const shift = (step: -1 | 1) => {
    if (!node) return;
    const parentId = unit ? unit.parentId : person!.unitId;
    if (!parentId) return;
    const siblings = (unit ? (data?.units ?? []).filter((u) => u.parentId === parentId) : (data?.people ?? []).filter((p) => p.unitId === parentId)).map(
      (n) => n.id,
    );
    const at = siblings.indexOf(node.id);
    const to = at + step;
    if (at < 0 || to < 0 || to >= siblings.length) return;
    [siblings[at], siblings[to]] = [siblings[to], siblings[at]];
    void run(() => writes.reorder.mutateAsync({ parentId, ids: siblings }), node.name);
  };

  const placements = (data?.placements ?? []).filter((p) => p.subjectId === selected);
  const nameOf = (id: string | null) => (id ? (units.get(id)?.name ?? id) : '—');

  return (
    <div className="pd-org-panel">
      <div className="pd-org-tree-box">
        <Checkbox checked={showRetired} onChange={(e) => setShowRetired(e.target.checked)}>
          {t('orgPage.showRetired')}
        </Checkbox>
        {data && (
          <Tree
            data-testid="org-tree"
            className="pd-org-tree"
            treeData={treeData}
            defaultExpandedKeys={expandedKeys}
            selectedKeys={selected ? [selected] : []}
            onSelect={(keys) => setSelected((keys[0] as string | undefined) ?? null)}
            blockNode
            showLine
            height={560}
          />
        )}
      </div>
      <div className="pd-org-detail" data-testid="org-detail">
        {!node ? (
          <Empty description={t('orgPage.noSelection')} />
        ) : (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={unit ? t('orgPage.name') : t('orgPage.personName')}>
                <span data-testid="org-selected-name">{node.name}</span> {tag(node, Boolean(unit))}
              </Descriptions.Item>
              <Descriptions.Item label={unit ? t('orgPage.kind') : t('orgPage.role')}>
                {unit ? t(`orgPage.kinds.${unit.level}`) : t(`roles.${person!.role}`, { defaultValue: person!.role })}
              </Descriptions.Item>
              <Descriptions.Item label={unit ? t('orgPage.parent') : t('orgPage.unit')}>
                <span data-testid="org-selected-unit">{pathNames(tree, node.id).slice(0, -1).join(' / ') || '—'}</span>
              </Descriptions.Item>
              {placements.length > 0 && (
                <Descriptions.Item label={t('orgPage.history')}>
                  <ul className="pd-org-history" data-testid="org-history">
                    {placements.map((p) => (
                      <li key={p.validFrom ?? ''}>
                        {withColon(p.validFrom ? t('orgPage.since', { date: p.validFrom }) : t('orgPage.sinceStart'), nameOf(p.parentId))}
                      </li>
                    ))}
                  </ul>
                </Descriptions.Item>
              )}
            </Descriptions>
            <Space wrap>
              {unit && !unit.retiredFrom && (
                <>
                  <Button
                    data-testid="org-add-unit"
                    onClick={() => setDialog({ kind: 'add-unit', parentId: unit.id, level: 'team', name: '', date: defaultDate })}
                  >
                    {t('orgPage.addUnit')}
                  </Button>
                  <Button
                    data-testid="org-add-person"
                    onClick={() => setDialog({ kind: 'add-person', unitId: unit.id, role: PERSON_ROLES[0], name: '', date: defaultDate })}
                  >
                    {t('orgPage.addPerson')}
                  </Button>
                </>
              )}
              <Button
                data-testid="org-edit"
                onClick={() =>
                  setDialog(
                    unit
                      ? { kind: 'edit-unit', id: unit.id, level: unit.level, name: unit.name }
                      : { kind: 'edit-person', id: person!.id, role: person!.role, name: person!.name },
                  )
                }
              >
                {t('orgPage.rename')}
              </Button>
              {!node.retiredFrom && (unit ? unit.parentId !== null : true) && (
                <>
                  <Button data-testid="org-move" onClick={() => setDialog({ kind: 'move', id: node.id, person: !unit, target: undefined, date: defaultDate })}>
                    {t('orgPage.move')}
                  </Button>
                  <Button data-testid="org-up" onClick={() => shift(-1)}>
                    {t('orgPage.moveUp')}
                  </Button>
                  <Button data-testid="org-down" onClick={() => shift(1)}>
                    {t('orgPage.moveDown')}
                  </Button>
                  <Button data-testid="org-retire" danger onClick={() => setDialog({ kind: 'retire', id: node.id, name: node.name, date: defaultDate })}>
                    {t(unit ? 'orgPage.retireUnit' : 'orgPage.retire')}
                  </Button>
                </>
              )}
              {node.retiredFrom && (
                <Button data-testid="org-reinstate" onClick={() => void run(() => writes.reinstate.mutateAsync({ id: node.id }), node.name)}>
                  {t('orgPage.reinstate')}
                </Button>
              )}
            </Space>
          </Space>
        )}
      </div>
      <OrgDialog dialog={dialog} setDialog={setDialog} unitOptions={unitOptions} isPerson={(id) => people.has(id)} nodeName={node?.name ?? ''} run={run} />
    </div>
  );
}
