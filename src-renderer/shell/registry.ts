/**
 * The shell's view of the features (features/index.ts): the pages in sidebar order with the
 * route they open on, and the refetch-on-event table merged from every feature's rules.
 */
import { mergeRefetchRules } from '../api/refetch-rules';
import { FEATURES } from '../features';
import type { PageDescriptor, RefetchRules } from './feature';

export const PAGES: readonly PageDescriptor[] = FEATURES.flatMap((f) => (f.page ? [f.page] : [])).sort((a, b) => a.order - b.order);

/** The page a hash names (#/reports?report=strategy-demand&month=2026-11), or the start page. */
export function pageFromHash(hash: string = window.location.hash): PageDescriptor {
  const key = hash.replace(/^#\/?/, '').split('?')[0];
  return PAGES.find((p) => p.key === key) ?? PAGES[0];
}

/** The header shows the workspace's counts (cells among them). */
const SHELL_REFETCH: RefetchRules = { 'targets/changed': ['workspace/get-info'] };

export const REFETCH_TABLE = mergeRefetchRules([...FEATURES.map((f) => f.refetchOn), SHELL_REFETCH]);
