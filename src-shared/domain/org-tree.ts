/**
 * The organisation as a tree — company → branch (分公司) → team → person — and every walk of it
 * that the backend and the renderer need: children of a node, leaves under it, the display order,
 * the roll-up order, the branch a unit sits in and the names on its path. Built once from the
 * rows of `org/list-tree` (or the core org store); everything here is pure and cheap to call.
 *
 * A root is a node whose parentId is null. A node whose parent is missing is neither a root nor
 * anyone's child, so the walks from the roots never reach it; each walk from a node guards
 * against cycles in the stored rows.
 */

/** One node of the tree: a unit or a person. */
export interface TreeNode {
  id: string;
  parentId: string | null;
  kind: 'unit' | 'person';
  name: string;
  /** Unit level ('company' | 'branch' | 'team') or person role (客户经理…), for display. */
  label: string;
}

/** What the walks need of a node. */
export interface TreeNodeLike {
  id: string;
  parentId: string | null;
}

export interface OrgTree<N extends TreeNodeLike = TreeNode> {
  nodes: ReadonlyMap<string, N>;
  /** Child ids of every node that has children, in the order the nodes were given. */
  children: ReadonlyMap<string, readonly string[]>;
  /** Nodes without a parent, in the order given. */
  roots: readonly string[];
}

interface UnitLike {
  id: string;
  parentId: string | null;
  name: string;
  level: string;
}

interface PersonLike {
  id: string;
  unitId: string;
  name: string;
  role: string;
}

/** The org rows as tree nodes: units, then people (so a unit's sub-units come before its people). */
export function orgTreeNodes(units: ReadonlyArray<UnitLike>, people: ReadonlyArray<PersonLike>): TreeNode[] {
  return [
    ...units.map((u): TreeNode => ({ id: u.id, parentId: u.parentId, kind: 'unit', name: u.name, label: u.level })),
    ...people.map((p): TreeNode => ({ id: p.id, parentId: p.unitId, kind: 'person', name: p.name, label: p.role })),
  ];
}

/** The nodes under one more root (a 合计 row above the company): the old roots become its children. */
export function underTotalRoot(total: Omit<TreeNode, 'parentId'>, nodes: readonly TreeNode[]): TreeNode[] {
  return [{ ...total, parentId: null }, ...nodes.map((n) => (n.parentId === null ? { ...n, parentId: total.id } : n))];
}

/**
 * Rows laid out under `underTotalRoot`'s total, taken back apart: the total's own row, and the
 * others as if it had never been there (one level shallower, the old roots roots again).
 */
export function splitOffTotalRoot<R extends TreeNodeLike & { depth: number }>(totalId: string, rows: readonly R[]): { total: R | undefined; rest: R[] } {
  return {
    total: rows.find((row) => row.id === totalId),
    rest: rows.filter((row) => row.id !== totalId).map((row) => ({ ...row, depth: row.depth - 1, parentId: row.parentId === totalId ? null : row.parentId })),
  };
}

export function buildOrgTree<N extends TreeNodeLike>(list: readonly N[]): OrgTree<N> {
  const nodes = new Map<string, N>();
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const node of list) {
    nodes.set(node.id, node);
    if (node.parentId === null) roots.push(node.id);
    else {
      const siblings = children.get(node.parentId);
      if (siblings) siblings.push(node.id);
      else children.set(node.parentId, [node.id]);
    }
  }
  return { nodes, children, roots };
}

/** The tree of `org/list-tree`'s units and people. */
export function orgTreeOf(units: ReadonlyArray<UnitLike>, people: ReadonlyArray<PersonLike>): OrgTree<TreeNode> {
  return buildOrgTree(orgTreeNodes(units, people));
}

const NONE: readonly string[] = Object.freeze([]);

export function childIds(tree: OrgTree<TreeNodeLike>, id: string): readonly string[] {
  return tree.children.get(id) ?? NONE;
}

/** Leaves hold the typed values: people, and units without children. */
export function isLeaf(tree: OrgTree<TreeNodeLike>, id: string): boolean {
  return !tree.children.has(id);
}

/** Every node without children, in the order given. */
export function leafIds(tree: OrgTree<TreeNodeLike>): Set<string> {
  const leaves = new Set<string>();
  for (const id of tree.nodes.keys()) if (!tree.children.has(id)) leaves.add(id);
  return leaves;
}

/** The leaf descendants of a node in display order; a leaf is its own only leaf. */
export function leavesOf(tree: OrgTree<TreeNodeLike>, id: string): string[] {
  const leaves: string[] = [];
  const seen = new Set<string>();
  const visit = (node: string) => {
    if (seen.has(node)) return;
    seen.add(node);
    const kids = tree.children.get(node);
    if (!kids) leaves.push(node);
    else for (const kid of kids) visit(kid);
  };
  visit(id);
  return leaves;
}

/** The leaves of every node reachable from the roots, computed in one pass. */
export function leavesByNode(tree: OrgTree<TreeNodeLike>): Map<string, string[]> {
  const byNode = new Map<string, string[]>();
  for (const id of rollupOrder(tree)) {
    const kids = tree.children.get(id);
    byNode.set(id, kids ? kids.flatMap((kid) => byNode.get(kid)!) : [id]);
  }
  return byNode;
}

/**
 * Depth-first from the roots, each parent before its children: the order rows are shown in.
 * A node for which `isOpen` says false is listed without its subtree (a collapsed row).
 */
export function displayOrder(tree: OrgTree<TreeNodeLike>, isOpen: (id: string) => boolean = () => true): Array<{ id: string; depth: number }> {
  const order: Array<{ id: string; depth: number }> = [];
  const visit = (id: string, depth: number) => {
    order.push({ id, depth });
    if (!isOpen(id)) return;
    for (const kid of tree.children.get(id) ?? NONE) visit(kid, depth + 1);
  };
  for (const root of tree.roots) visit(root, 0);
  return order;
}

/**
 * The tree as nested values (a tree-select's options, say), from the roots down: `make` gets a
 * node and the values of its children, in order. Nodes in a cycle are unreachable from a root.
 */
export function nestTree<N extends TreeNodeLike, T>(tree: OrgTree<N>, make: (node: N, children: T[]) => T): T[] {
  const nest = (id: string): T => make(tree.nodes.get(id)!, childIds(tree, id).map(nest));
  return tree.roots.map(nest);
}

/** Depth-first from the roots, each node after all its children: the order sums roll up in. */
export function rollupOrder(tree: OrgTree<TreeNodeLike>): string[] {
  const order: string[] = [];
  const visit = (id: string) => {
    for (const kid of tree.children.get(id) ?? NONE) visit(kid);
    order.push(id);
  };
  for (const root of tree.roots) visit(root);
  return order;
}

/** The node itself, then its parent, up to its root (nearest first); stops at a missing parent or a cycle. */
export function ancestry(tree: OrgTree<TreeNodeLike>, id: string): string[] {
  const chain: string[] = [];
  const seen = new Set<string>();
  for (let node = tree.nodes.get(id); node && !seen.has(node.id); node = node.parentId === null ? undefined : tree.nodes.get(node.parentId)) {
    seen.add(node.id);
    chain.push(node.id);
  }
  return chain;
}

/** The branch (分公司) a node sits in — itself when it is one; null above or outside branch level. */
export function branchOf(tree: OrgTree<TreeNode>, id: string): string | null {
  return ancestry(tree, id).find((node) => isBranch(tree.nodes.get(node)!)) ?? null;
}

const isBranch = (node: TreeNode) => node.kind === 'unit' && node.label === 'branch';

/** The names from the root down to the node: ['江城市分公司', '东湖县分公司', '集团客户部']. */
export function pathNames(tree: OrgTree<TreeNode>, id: string): string[] {
  return ancestry(tree, id)
    .reverse()
    .map((node) => tree.nodes.get(node)!.name);
}

/**
 * A unit named with the units above it, below the organisation itself: 东湖县分公司集团客户部.
 * Teams repeat their names across branches (集团客户部), so a list of units names the branch; the
 * company (the root) keeps its own name.
 */
export function unitPathName(tree: OrgTree<TreeNode>, id: string): string {
  const names = pathNames(tree, id).slice(1);
  return names.length > 0 ? names.join('') : (tree.nodes.get(id)?.name ?? '');
}
