import { describe, expect, it } from 'vitest';
import {
  ancestry,
  branchOf,
  childIds,
  displayOrder,
  leafIds,
  leavesByNode,
  leavesOf,
  nestTree,
  orgTreeOf,
  pathNames,
  rollupOrder,
  underTotalRoot,
  splitOffTotalRoot,
  orgTreeNodes,
  buildOrgTree,
} from '../../../src-shared/domain/org-tree';

// A company, two branches (one with two teams), people in teams, and a team with nobody yet.
const UNITS = [
  { id: 'c', parentId: null, level: 'company', name: '江城市分公司' },
  { id: 'b1', parentId: 'c', level: 'branch', name: '东湖县分公司' },
  { id: 'b2', parentId: 'c', level: 'branch', name: '城区分公司' },
  { id: 't1', parentId: 'b1', level: 'team', name: '集团客户部' },
  { id: 't2', parentId: 'b1', level: 'team', name: '公众客户部' },
  { id: 't3', parentId: 'b2', level: 'team', name: '新设营业部' },
];
const PEOPLE = [
  { id: 'p1', unitId: 't1', name: '王建国', role: '片区经理' },
  { id: 'p2', unitId: 't1', name: '李晓燕', role: '客户经理' },
  { id: 'p3', unitId: 't2', name: '陈明', role: '门店经理' },
];
const tree = orgTreeOf(UNITS, PEOPLE);

describe('org tree', () => {
  it('lists children in the order given, units before people', () => {
    expect(tree.roots).toEqual(['c']);
    expect(childIds(tree, 'c')).toEqual(['b1', 'b2']);
    expect(childIds(tree, 't1')).toEqual(['p1', 'p2']);
    expect(childIds(tree, 'p1')).toEqual([]);
  });

  it('finds the leaves: people and units without children', () => {
    expect([...leafIds(tree)].sort()).toEqual(['p1', 'p2', 'p3', 't3']);
    expect(leavesOf(tree, 'c')).toEqual(['p1', 'p2', 'p3', 't3']);
    expect(leavesOf(tree, 'p2')).toEqual(['p2']);
    expect(leavesByNode(tree).get('b1')).toEqual(['p1', 'p2', 'p3']);
    expect(leavesByNode(tree).get('t3')).toEqual(['t3']);
  });

  it('orders nodes for display (parents first) and for roll-up (children first)', () => {
    expect(displayOrder(tree)).toEqual([
      { id: 'c', depth: 0 },
      { id: 'b1', depth: 1 },
      { id: 't1', depth: 2 },
      { id: 'p1', depth: 3 },
      { id: 'p2', depth: 3 },
      { id: 't2', depth: 2 },
      { id: 'p3', depth: 3 },
      { id: 'b2', depth: 1 },
      { id: 't3', depth: 2 },
    ]);
    expect(rollupOrder(tree)).toEqual(['p1', 'p2', 't1', 'p3', 't2', 'b1', 't3', 'b2', 'c']);
  });

  it('names the branch, the ancestry and the path of a node', () => {
    expect(branchOf(tree, 'p3')).toBe('b1');
    expect(branchOf(tree, 'b2')).toBe('b2');
    expect(branchOf(tree, 'c')).toBeNull();
    expect(ancestry(tree, 'p2')).toEqual(['p2', 't1', 'b1', 'c']);
    expect(pathNames(tree, 't1')).toEqual(['江城市分公司', '东湖县分公司', '集团客户部']);
  });

  it('stops at cycles and missing parents instead of looping', () => {
    const broken = buildOrgTree(
      orgTreeNodes(
        [
          { id: 'x', parentId: 'y', level: 'team', name: 'x' },
          { id: 'y', parentId: 'x', level: 'team', name: 'y' },
        ],
        [],
      ),
    );
    expect(ancestry(broken, 'x')).toEqual(['x', 'y']);
    expect(leavesOf(broken, 'x')).toEqual([]);
    expect(displayOrder(broken)).toEqual([]);
    expect(branchOf(orgTreeOf([{ id: 'o', parentId: 'gone', level: 'team', name: 'o' }], []), 'o')).toBeNull();
  });

  it('puts a total row above the roots', () => {
    const nodes = underTotalRoot({ id: '__total', kind: 'unit', name: '合计', label: 'company' }, orgTreeNodes(UNITS, PEOPLE));
    const withTotal = buildOrgTree(nodes);
    expect(withTotal.roots).toEqual(['__total']);
    expect(childIds(withTotal, '__total')).toEqual(['c']);
    expect(nodes).toHaveLength(UNITS.length + PEOPLE.length + 1);
  });

  it('takes laid-out rows back out from under the total row', () => {
    const nodes = underTotalRoot({ id: '__total', kind: 'unit', name: '合计', label: 'company' }, orgTreeNodes(UNITS, PEOPLE));
    const laidOut = displayOrder(buildOrgTree(nodes)).map(({ id, depth }) => ({ id, depth, parentId: nodes.find((n) => n.id === id)!.parentId }));
    const { total, rest } = splitOffTotalRoot('__total', laidOut);
    expect(total).toEqual({ id: '__total', depth: 0, parentId: null });
    expect(rest.map(({ id, depth, parentId }) => [id, depth, parentId])).toEqual(
      displayOrder(tree).map(({ id, depth }) => [id, depth, tree.nodes.get(id)!.parentId]),
    );
  });

  it("leaves closed nodes' subtrees out of the display order", () => {
    const open = new Set(['c', 'b1', 't2']);
    expect(displayOrder(tree, (id) => open.has(id)).map(({ id }) => id)).toEqual(['c', 'b1', 't1', 't2', 'p3', 'b2']);
    expect(displayOrder(tree, () => false)).toEqual([{ id: 'c', depth: 0 }]);
  });

  it('nests the tree from the roots down, children in order', () => {
    type Nested = { id: string; kids: Nested[] };
    const nested = nestTree(tree, (node, kids: Nested[]): Nested => ({ id: node.id, kids }));
    const leaf = (id: string): Nested => ({ id, kids: [] });
    expect(nested).toEqual([
      {
        id: 'c',
        kids: [
          {
            id: 'b1',
            kids: [
              { id: 't1', kids: [leaf('p1'), leaf('p2')] },
              { id: 't2', kids: [leaf('p3')] },
            ],
          },
          { id: 'b2', kids: [leaf('t3')] },
        ],
      },
    ]);
  });
});
