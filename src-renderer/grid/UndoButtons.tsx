import { ToolButton } from '../shell/ToolButton';
import { useTranslation } from 'react-i18next';
import type { useEditLog } from './useEditLog';

/** The toolbar's 撤销 / 重做 buttons for a grid's edit log (the same steps as Ctrl+Z / Ctrl+Y). */
export function UndoButtons({ history }: { history: ReturnType<typeof useEditLog> }) {
  const { t } = useTranslation();
  return (
    <>
      <ToolButton title={history.undoTitle} disabled={!history.canUndo} onClick={() => void history.replay('undo')} data-testid="undo">
        {t('history.undo')}
      </ToolButton>
      <ToolButton title={history.redoTitle} disabled={!history.canRedo} onClick={() => void history.replay('redo')} data-testid="redo">
        {t('history.redo')}
      </ToolButton>
    </>
  );
}
