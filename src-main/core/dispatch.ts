/**
 * The one entry point both hosts call. Validates input against the contract, runs the handler,
 * validates the output, and turns every failure into `{ code, message, details }`.
 * Adding a channel: declare it in src-shared/contract/channels.ts, then add its handler below;
 * the `Handlers` type makes a missing handler a compile error. Neither host changes.
 */
import { z } from 'zod';
import {
  channels,
  isChannelName,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
} from '../../src-shared/contract/channels';
import { AppError, type DispatchResult } from '../../src-shared/contract/errors';
import type { HostServices } from './host-services';
import { importStrategyXlsx } from './strategy/strategy-import';
import { listMetrics } from './targets/metric-service';
import { cancelExport, exportReport, listReports, previewReport } from './reports/report-service';
import { listOrgTree } from './org/org-service';
import { getPlanGrid, setPlanLock, setPlanTotal } from './plan/plan-service';
import {
  applySuggestedTiers,
  getScreeningYear,
  saveScreeningCriteria,
  saveScreeningIndicator,
  saveScreeningScores,
  saveScreeningThreshold,
} from './screening/screening-service';
import {
  deleteDictionaryEntry,
  getStrategyHistory,
  getStrategyMonth,
  listCustomers,
  listDictionaries,
  listDueCustomers,
  saveCustomer,
  saveDemandRow,
  saveDictionaryEntry,
  saveHabitRow,
  startStrategyMonth,
} from './strategy/strategy-service';
import { getStrategyKpis, getStrategySummary } from './strategy/strategy-summary-service';
import { getTrackingSummary } from './plan/tracking-service';
import { listTargetCells, saveTargetCells } from './targets/targets-service';
import { getWorkspaceInfo } from './workspace/workspace-service';
import type { Workspace } from './workspace/open-workspace';

type Handler<C extends ChannelName> = (
  ws: Workspace,
  input: z.output<(typeof channels)[C]['input']>,
  host: HostServices,
) => Promise<ChannelOutput<C>>;
type Handlers = { [C in ChannelName]: Handler<C> };

const handlers: Handlers = {
  'workspace/get-info': (ws) => getWorkspaceInfo(ws),
  'org/list-tree': (ws) => listOrgTree(ws),
  'metrics/list': (ws) => listMetrics(ws),
  'targets/list-cells': (ws, input) => listTargetCells(ws, input.year),
  'targets/save-cells': (ws, input) => saveTargetCells(ws, input.year, input.changes),
  'plan/get-grid': (ws, input) => getPlanGrid(ws, input, input.grain),
  'plan/set-total': (ws, input) => setPlanTotal(ws, input),
  'plan/set-lock': (ws, input) => setPlanLock(ws, input),
  'tracking/get-summary': (ws, input) => getTrackingSummary(ws, input),
  'reports/list': async () => listReports(),
  'reports/preview': (ws, input) => previewReport(ws, input.report, { year: input.year, yearMonth: input.yearMonth, scopeId: input.scopeId }),
  'reports/export': (ws, input, host) => exportReport(ws, host, input),
  'reports/cancel-export': async (ws, input) => cancelExport(ws, input.jobId),
  'dictionaries/list': (ws, input) => listDictionaries(ws, input.dictionary),
  'dictionaries/save-entry': (ws, input) => saveDictionaryEntry(ws, input),
  'dictionaries/delete-entry': (ws, input) => deleteDictionaryEntry(ws, input.id),
  'customers/list': (ws, input) => listCustomers(ws, input.managerId),
  'strategy/get-month': (ws, input) => getStrategyMonth(ws, input.yearMonth, input.managerId),
  'strategy/save-demand-row': (ws, input) => saveDemandRow(ws, input),
  'strategy/save-habit-row': (ws, input) => saveHabitRow(ws, input),
  'strategy/start-month': (ws, input) => startStrategyMonth(ws, input.yearMonth),
  'strategy/list-due': (ws, input) => listDueCustomers(ws, input.yearMonth, input.managerId),
  'customers/save': (ws, input) => saveCustomer(ws, input),
  'strategy/get-history': (ws, input) => getStrategyHistory(ws, input.yearMonth, input.customerId),
  'strategy/get-summary': (ws, input) => getStrategySummary(ws, input.yearMonth, input.areaManagerId),
  'strategy/get-kpis': (ws, input) => getStrategyKpis(ws, input.yearMonth),
  'strategy/import-xlsx': (ws, input) => importStrategyXlsx(ws, input),
  'screening/get-year': (ws, input) => getScreeningYear(ws, input.year),
  'screening/save-scores': (ws, input) => saveScreeningScores(ws, input),
  'screening/save-criteria': (ws, input) => saveScreeningCriteria(ws, input),
  'screening/save-indicator': (ws, input) => saveScreeningIndicator(ws, input),
  'screening/save-threshold': (ws, input) => saveScreeningThreshold(ws, input),
  'screening/apply-tiers': (ws, input) => applySuggestedTiers(ws, input),
};

function issuesOf(error: z.ZodError) {
  return error.issues.slice(0, 20).map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

export type Dispatch = <C extends ChannelName>(channel: C, input: ChannelInput<C>) => Promise<DispatchResult<ChannelOutput<C>>>;

export function createDispatch(ws: Workspace, host: HostServices = {}): (channel: string, input: unknown) => Promise<DispatchResult<unknown>> {
  return async (channel, input) => {
    if (!isChannelName(channel)) {
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel: ${channel}`, details: { channel } } };
    }
    const contract = channels[channel];
    const parsedInput = contract.input.safeParse(input ?? {});
    if (!parsedInput.success) {
      return {
        ok: false,
        error: { code: 'INVALID_INPUT', message: `Invalid input for ${channel}`, details: { issues: issuesOf(parsedInput.error) } },
      };
    }
    try {
      const handler = handlers[channel] as Handler<ChannelName>;
      const output = await handler(ws, parsedInput.data as never, host);
      const parsedOutput = contract.output.safeParse(output);
      if (!parsedOutput.success) {
        ws.ctx.log('error', `invalid output from ${channel}`, issuesOf(parsedOutput.error));
        return { ok: false, error: { code: 'INVALID_OUTPUT', message: `Handler for ${channel} returned invalid output` } };
      }
      return { ok: true, data: parsedOutput.data };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toData() };
      ws.ctx.log('error', `handler ${channel} failed`, error);
      return { ok: false, error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } };
    }
  };
}

/** Typed convenience over `createDispatch` for tests and the CLI: throws AppError on failure. */
export function createCaller(ws: Workspace, host: HostServices = {}) {
  const dispatch = createDispatch(ws, host);
  return async <C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
    const result = await dispatch(channel, input);
    if (!result.ok) throw AppError.fromData(result.error);
    return result.data as ChannelOutput<C>;
  };
}
