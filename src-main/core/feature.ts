/**
 * What a backend feature module exports for the app to assemble (see core/app.ts): its channel
 * handlers, its tables (entities and migrations), its part of the sample workspace and its reports.
 */
import type { EntitySchema, MigrationInterface } from 'typeorm';
import type { z } from 'zod';
import type { ChannelMap } from '../../src-shared/contract/common';
import type { ReportId } from '../../src-shared/contract/channels';
import type { ReportDescription } from '../../src-shared/reports/report-model';
import type { HostServices } from './host-services';
import type { Workspace } from './workspace/open-workspace';

/** One handler per channel of a feature's contract; a missing one is a compile error. */
export type HandlersOf<M extends ChannelMap> = {
  [C in keyof M]: (ws: Workspace, input: z.output<M[C]['input']>, host: HostServices) => Promise<z.output<M[C]['output']>>;
};

export type MigrationClass = new () => MigrationInterface;

/**
 * Writes a feature's part of the sample workspace. Writers run in the order of the app's feature
 * list, inside one transaction, drawing from one seeded random stream: reordering them changes
 * every sample figure after the move.
 */
export type SampleWriter = (ws: Workspace, random: () => number) => void;

/** What a report may be narrowed to; each builder reads the options it understands. */
export interface ReportOptions {
  year?: number;
  /** Strategy reports: the month, yyyy-mm (default: the clock's month). */
  yearMonth?: string;
  /** Strategy reports: an account manager (monthly tables) or an area manager (summary). */
  scopeId?: string;
  /** 绩效考核表: a month, a quarter (2026-Q4) or the year. */
  period?: string;
}

export interface ReportEntry {
  name: string;
  build: (ws: Workspace, options: ReportOptions) => Promise<ReportDescription>;
  /** A report that is also a Word document (the 工作计划) writes its DOCX here. */
  docx?: (ws: Workspace, options: ReportOptions) => Promise<Buffer>;
}

export interface BackendFeature<M extends ChannelMap = ChannelMap> {
  name: string;
  handlers: HandlersOf<M>;
  // EntitySchema's own generic parameter differs per table.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  entities?: Array<EntitySchema<any>>;
  migrations?: MigrationClass[];
  sample?: SampleWriter;
  reports?: Partial<Record<ReportId, ReportEntry>>;
  /**
   * Runs each time a workspace is opened (after its migrations and, for a new one, its sample),
   * in the order of the feature list, before any handler is called: for process-wide state that
   * follows the open workspace (the calendar feature installs the entered holiday arrangements).
   * Synchronous, and it must not write.
   */
  onOpen?: (ws: Workspace) => void;
}
