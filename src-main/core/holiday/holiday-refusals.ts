/** The refusals every holiday service gives for input it cannot take, in the planner's language first. */
import { AppError } from '../../../src-shared/contract/errors';
import type { Workspace } from '../workspace';
import { storeForest } from './holiday-split';

export function refuseInput(reason: string, zh: string, en: string, extra: Record<string, unknown> = {}): never {
  throw new AppError('INVALID_INPUT', `${zh} / ${en}`, { reason, zh, ...extra });
}

export function requireSeasonStore(ws: Workspace, season: number, storeId: string): void {
  if (storeForest(ws, season).nodes.get(storeId)?.kind !== 'store')
    throw new AppError('NOT_FOUND', `Not a store of season ${season}: ${storeId}`, { reason: 'unknown-store', zh: '该门店不在本季的组织中' });
}
