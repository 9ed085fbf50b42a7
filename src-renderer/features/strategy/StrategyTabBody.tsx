/** The open tab of the strategy page, once the month and its lookups have loaded. */
import { Empty, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useErrorText } from '../../shell/error-text';
import { CustomersAndDictionaries } from './CustomersAndDictionaries';
import { DecisionView } from './DecisionView';
import { DueList } from './DueList';
import { DemandTable, HabitTable } from './MonthTables';
import { ScreeningView } from './ScreeningView';
import type { useStrategyLookups, useStrategyMonth } from './strategy-data';
import { SummaryView } from './SummaryView';

export type TabKey = 'demand' | 'habit' | 'due' | 'customers' | 'screening' | 'summary' | 'decision';

interface Props {
  tab: TabKey;
  yearMonth: string;
  managerId: string | undefined;
  lookups: ReturnType<typeof useStrategyLookups>;
  month: ReturnType<typeof useStrategyMonth>;
  focusCustomerId: string | null;
  onShowHistory: (customerId: string, name: string) => void;
  /** 去填写 in the due list. */
  onOpenDue: (customerId: string, table: 'demand' | 'habit') => void;
}

export function StrategyTabBody({ tab, yearMonth, managerId, lookups, month, focusCustomerId, onShowHistory, onOpenDue }: Props): ReactNode {
  const errorText = useErrorText();
  const data = lookups.data;
  if (!data || !month.data) {
    return lookups.error || month.error ? <Empty description={errorText(lookups.error ?? month.error)} /> : <Spin style={{ margin: 48 }} />;
  }
  switch (tab) {
    case 'demand':
      return (
        <DemandTable
          yearMonth={yearMonth}
          managerId={managerId}
          lookups={data}
          month={month.data}
          focusCustomerId={focusCustomerId}
          onShowHistory={onShowHistory}
        />
      );
    case 'habit':
      return (
        <HabitTable
          yearMonth={yearMonth}
          managerId={managerId}
          lookups={data}
          month={month.data}
          focusCustomerId={focusCustomerId}
          onShowHistory={onShowHistory}
        />
      );
    case 'due':
      return <DueList yearMonth={yearMonth} managerId={managerId} lookups={data} onOpen={onOpenDue} />;
    case 'customers':
      return <CustomersAndDictionaries lookups={data} />;
    case 'screening':
      return <ScreeningView year={Number(yearMonth.slice(0, 4))} />;
    case 'summary':
      return <SummaryView yearMonth={yearMonth} />;
    case 'decision':
      return <DecisionView yearMonth={yearMonth} />;
  }
}
