/** Undo and redo that survive a restart: the edit log of every editable grid. */
import { historyChannels } from '../../../src-shared/contract/history';
import type { BackendFeature } from '../feature';
import { historyState, redoStep, undoStep } from './history-service';
import { EditLog1764115200006 } from './migrations/0006-edit-log';

export { guardRestore, withEditLog, type RestoreGuard } from './history-service';

export const historyFeature: BackendFeature<typeof historyChannels> = {
  name: 'history',
  handlers: {
    'history/get': (ws, input) => historyState(ws, input.grid),
    'history/undo': (ws, input) => undoStep(ws, input.grid),
    'history/redo': (ws, input) => redoStep(ws, input.grid),
  },
  migrations: [EditLog1764115200006],
};
