/**
 * Ctrl+Z / Ctrl+Y (and Ctrl+Shift+Z) on a page without a grid: the page's edit log, while the
 * page is shown. A text field keeps the browser's own undo of what is being typed.
 */
import { useEffect, useRef } from 'react';
import type { useEditLog } from '../../grid/useEditLog';

function inTextField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.closest('input, textarea, select') !== null);
}

export function useUndoShortcut(history: ReturnType<typeof useEditLog>): void {
  const latest = useRef(history);
  latest.current = history;
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.defaultPrevented || inTextField(e.target)) return;
      const key = e.key.toLowerCase();
      if (key !== 'z' && key !== 'y') return;
      e.preventDefault();
      void latest.current.replay(key === 'y' || e.shiftKey ? 'redo' : 'undo');
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
