/**
 * The backend assembled from its features: the one list of feature modules, and what is built
 * from it — the handler map `dispatch` serves, the workspace's tables and migrations, the sample
 * workspace and the report registry. Adding a feature: its folder under core/ and one line in
 * FEATURES (plus its contract in src-shared/contract/channels.ts).
 */
import { REPORT_IDS } from '../../src-shared/contract/channels';
import { seededRandom } from '../../src-shared/domain/random';
import { openDataSource, type OpenWorkspaceOptions, type WorkspaceSchema } from './db/data-source';
import { calendarFeature } from './calendar';
import type { BackendFeature, MigrationClass, ReportEntry } from './feature';
import { guardRestore, historyFeature, withEditLog } from './history';
import { holidayFeature } from './holiday';
import { documentsFeature } from './documents';
import { entriesOfPerson, evaluationFeature } from './evaluation';
import { extendOrg, orgFeature } from './org';
import { locksChangedByRestore, planFeature, planFiguresOfMetric, planFiguresOfSubject } from './plan';
import { createReportsFeature, type ReportRegistry } from './reports';
import { screeningFeature, screeningStrategyExtension } from './screening';
import { extendStrategy, strategyFeature } from './strategy';
import { extendTargets, targetCellsOfSubject, targetsFeature } from './targets';
import { workspaceFeature } from './workspace';
import { openWorkspaceFile, type OpenOptions, type Workspace } from './workspace/open-workspace';

export type { OpenOptions, Workspace } from './workspace/open-workspace';

// Screening builds on strategy; what strategy reaches of screening is plugged in here, explicitly.
extendStrategy('screening', screeningStrategyExtension);
// The org and the metrics refuse a change that would hide or drop figures stored by the features
// built on them (the plan's days and locks, 上年实际): how many there are is asked of those here.
extendOrg({
  figuresFrom: (ws, subjectId, fromYear) =>
    planFiguresOfSubject(ws.db, subjectId, fromYear) + targetCellsOfSubject(ws.db, subjectId, fromYear) + entriesOfPerson(ws.db, subjectId, fromYear),
});
extendTargets({ figuresOf: (ws, metricId) => planFiguresOfMetric(ws.db, metricId) });
// An undo or redo that would change a figure locked since is refused, naming the locks.
guardRestore((ws, changes, to) => {
  const locks = locksChangedByRestore(ws, changes, to);
  return locks.length > 0 ? { reason: 'locked', locks } : null;
});

/** In dependency order; sample writers run in this order (see SampleWriter). */
const CONTENT_FEATURES = [
  workspaceFeature,
  orgFeature,
  targetsFeature,
  calendarFeature,
  planFeature,
  strategyFeature,
  screeningFeature,
  historyFeature,
  // Last: its sample adds the retail arm to the organisation after every other sample is written.
  holidayFeature,
  documentsFeature,
  evaluationFeature,
] as const;

function reportRegistry(features: ReadonlyArray<Pick<BackendFeature, 'reports'>>): ReportRegistry {
  const registry: Partial<Record<string, ReportEntry>> = {};
  for (const feature of features) {
    for (const [id, entry] of Object.entries(feature.reports ?? {})) {
      if (registry[id]) throw new Error(`Report ${id} is registered by two features`);
      registry[id] = entry;
    }
  }
  const missing = REPORT_IDS.filter((id) => !registry[id]);
  if (missing.length > 0) throw new Error(`Reports declared in the contract but built by no feature: ${missing.join(', ')}`);
  // In the contract's order, which is the order 报表打印 lists them in, whatever the feature order.
  return Object.fromEntries(REPORT_IDS.map((id) => [id, registry[id]])) as ReportRegistry;
}

export const REPORTS = reportRegistry(CONTENT_FEATURES);
export const FEATURES = [...CONTENT_FEATURES, createReportsFeature(REPORTS)] as const;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type AllHandlers = UnionToIntersection<(typeof FEATURES)[number]['handlers']>;

/**
 * Every channel's handler, from every feature (dispatch checks it covers the contract), with the
 * saves the contract calls undoable recorded in the edit log (core/history).
 */
export const HANDLERS = withEditLog(Object.assign({}, ...FEATURES.map((feature) => feature.handlers)) as AllHandlers);

/**
 * Ordered by the 13-digit timestamp that ends each migration's name (the name TypeORM records in
 * schema_migrations), which is also the order they shipped in.
 */
export const MIGRATIONS = orderedMigrations(FEATURES.flatMap((feature) => ('migrations' in feature ? (feature.migrations ?? []) : [])));

function orderedMigrations(migrations: MigrationClass[]): MigrationClass[] {
  const stamped = migrations.map((migration) => {
    const name = new migration().name ?? migration.name;
    const stamp = /(\d{13})$/.exec(name)?.[1];
    if (!stamp) throw new Error(`Migration ${name} does not end in a 13-digit timestamp`);
    return { migration, name, stamp: Number(stamp) };
  });
  const stamps = new Set(stamped.map((m) => m.stamp));
  if (stamps.size !== stamped.length) throw new Error('Two migrations share a timestamp: their order would be undefined');
  return stamped.sort((a, b) => a.stamp - b.stamp).map((m) => m.migration);
}

export const WORKSPACE_SCHEMA: WorkspaceSchema = {
  entities: FEATURES.flatMap((feature) => ('entities' in feature ? (feature.entities ?? []) : [])),
  migrations: MIGRATIONS,
};

/** Every feature's part of the sample, in one transaction from one seeded random stream. */
export async function writeSampleWorkspace(ws: Workspace, seed = 2026): Promise<void> {
  const random = seededRandom(seed);
  ws.db.transaction(() => {
    for (const feature of FEATURES) {
      if (!('sample' in feature) || !feature.sample) continue;
      const written: unknown = feature.sample(ws, random);
      // An async writer would run past the transaction and the random stream's order.
      if (written instanceof Promise) throw new Error(`The ${feature.name} sample writer must be synchronous`);
    }
  });
}

/** Opens (or, with createWithSample, creates) a PlanDesk workspace file. */
export async function openWorkspace(file: string, options: OpenOptions = {}): Promise<Workspace> {
  const ws = await openWorkspaceFile(file, { ...WORKSPACE_SCHEMA, writeSample: (ws) => writeSampleWorkspace(ws) }, options);
  try {
    for (const feature of FEATURES) if ('onOpen' in feature && feature.onOpen) feature.onOpen(ws);
  } catch (error) {
    await ws.close();
    throw error;
  }
  return ws;
}

/** The database alone, migrated: for tests and benchmarks of the schema. */
export function openWorkspaceDataSource(file: string, options: OpenWorkspaceOptions = {}) {
  return openDataSource(file, WORKSPACE_SCHEMA, options);
}
