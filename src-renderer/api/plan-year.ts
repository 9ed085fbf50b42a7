/** The chosen plan year of the open workspace (header's year switch), for every plan screen. */
import { useSyncExternalStore } from 'react';
import { useWorkspaceInfo } from './hooks';
import { planYearOf, planYearVersion, subscribePlanYear } from './plan-year-store';

export { choosePlanYear, planYearOf } from './plan-year-store';

/** The chosen plan year (undefined until the workspace info has loaded). */
export function usePlanYear(): number | undefined {
  const info = useWorkspaceInfo().data;
  useSyncExternalStore(subscribePlanYear, planYearVersion);
  return info ? planYearOf(info) : undefined;
}
