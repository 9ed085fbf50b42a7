/**
 * The strategy page's reads, shared by its tabs: dictionaries, customers, people and a month's
 * rows, with lookups by id. Query keys start with the channel name so the shell's event hook
 * refetches them on `strategy/changed`.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Customer, DictionaryEntry, Person } from '../../../src-shared/contract/channels';
import { inOfficeDuring } from '../../../src-shared/domain/org-history';
import { orgTreeOf, pathNames } from '../../../src-shared/domain/org-tree';
import { invoke } from '../../api/client';
import { useOrgTree } from '../../api/hooks';

export interface StrategyLookups {
  entries: DictionaryEntry[];
  entryById: Map<string, DictionaryEntry>;
  /** 小类 with their 大类, in dictionary order. */
  customerClasses: Array<DictionaryEntry & { parentName: string }>;
  productClasses: DictionaryEntry[];
  productsByClass: Map<string, DictionaryEntry[]>;
  tiers: DictionaryEntry[];
  habitLabel: (entryId: string, fallback: string) => string;
  customers: Customer[];
  customerById: Map<string, Customer>;
  /** Every 客户经理 of the plan year, retired ones included (their customers still name them). */
  accountManagers: Person[];
  /** The 客户经理 in office on at least one day of the month ('YYYY-MM'): the ones a customer can be given to, and filtered by. */
  managersInOffice: (yearMonth: string) => Person[];
  personById: Map<string, Person>;
  unitName: (unitId: string) => string;
}

export function useStrategyLookups(): { data: StrategyLookups | undefined; isLoading: boolean; error: unknown } {
  const dictionaries = useQuery({ queryKey: ['dictionaries/list'], queryFn: () => invoke('dictionaries/list', {}) });
  const customers = useQuery({ queryKey: ['customers/list'], queryFn: () => invoke('customers/list', {}) });
  const org = useOrgTree();
  const data = useMemo((): StrategyLookups | undefined => {
    if (!dictionaries.data || !customers.data || !org.data) return undefined;
    const entries = dictionaries.data;
    const entryById = new Map(entries.map((e) => [e.id, e]));
    const inDictionary = (name: DictionaryEntry['dictionary']) => entries.filter((e) => e.dictionary === name && !e.archived);
    const majors = inDictionary('customer-class').filter((e) => e.parentId === null);
    const customerClasses = majors.flatMap((major) =>
      inDictionary('customer-class')
        .filter((e) => e.parentId === major.id)
        .map((e) => ({ ...e, parentName: major.name })),
    );
    const productClasses = inDictionary('product-class');
    const productsByClass = new Map(productClasses.map((c) => [c.id, inDictionary('product').filter((p) => p.parentId === c.id)]));
    const people = org.data.people;
    const accountManagers = people.filter((p) => p.role === '客户经理');
    // Units only: a person's id is not a unit and keeps falling back to itself.
    const unitTree = orgTreeOf(org.data.units, []);
    return {
      entries,
      entryById,
      customerClasses,
      productClasses,
      productsByClass,
      tiers: inDictionary('account-tier'),
      habitLabel: (entryId, fallback) => entryById.get(entryId)?.name ?? fallback,
      customers: customers.data,
      customerById: new Map(customers.data.map((c) => [c.id, c])),
      accountManagers,
      managersInOffice: (yearMonth) => accountManagers.filter((p) => inOfficeDuring(p, `${yearMonth}-01`, `${yearMonth}-31`)),
      personById: new Map(people.map((p) => [p.id, p])),
      unitName: (unitId) => {
        const names = pathNames(unitTree, unitId);
        if (names.length === 0) return unitId;
        // A team goes with its parent's name: teams in different branches may share a name.
        return unitTree.nodes.get(unitId)!.label === 'team' ? names.slice(-2).join(' · ') : names[names.length - 1];
      },
    };
  }, [dictionaries.data, customers.data, org.data]);
  return { data, isLoading: dictionaries.isLoading || customers.isLoading || org.isLoading, error: dictionaries.error ?? customers.error ?? org.error };
}

export function useStrategyMonth(yearMonth: string, managerId: string | undefined) {
  return useQuery({
    queryKey: ['strategy/get-month', yearMonth, managerId ?? null],
    queryFn: () => invoke('strategy/get-month', { yearMonth, managerId }),
    placeholderData: (previous) => previous,
  });
}

export function useDueCustomers(yearMonth: string, managerId: string | undefined) {
  return useQuery({
    queryKey: ['strategy/list-due', yearMonth, managerId ?? null],
    queryFn: () => invoke('strategy/list-due', { yearMonth, managerId }),
  });
}

/** The clock's month as yyyy-mm, in the user's time zone. */
export function currentYearMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}
