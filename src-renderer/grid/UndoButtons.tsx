import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { useEditLog } from './useEditLog';

/** The toolbar's 撤销 / 重做 buttons for a grid's edit log (the same steps as Ctrl+Z / Ctrl+Y). */
export function UndoButtons({ history }: { history: ReturnType<typeof useEditLog> }) {
  const { t } = useTranslation();
  return (
    <>
      <Button size="small" title={history.undoTitle} disabled={!history.canUndo} onClick={() => void history.replay('undo')} data-testid="undo">
        {t('history.undo')}
      </Button>
      <Button size="small" title={history.redoTitle} disabled={!history.canRedo} onClick={() => void history.replay('redo')} data-testid="redo">
        {t('history.redo')}
      </Button>
    </>
  );
}
