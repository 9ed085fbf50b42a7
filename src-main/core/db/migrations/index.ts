import { InitialSchema1764115200001 } from '../../workspace/migrations/0001-initial-schema';
import { PlanBreakdown1764115200002 } from '../../plan/migrations/0002-plan-breakdown';
import { StrategyTables1764115200003 } from '../../strategy/migrations/0003-strategy-tables';
import { KeyAccountScreening1764115200004 } from '../../screening/migrations/0004-key-account-screening';

/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
export const MIGRATIONS = [InitialSchema1764115200001, PlanBreakdown1764115200002, StrategyTables1764115200003, KeyAccountScreening1764115200004];
