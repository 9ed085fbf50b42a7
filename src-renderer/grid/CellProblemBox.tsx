/**
 * The refusal message pinned under its cell, inside the grid's container (which must be
 * `position: relative`, as `.pd-grid-container` is).
 */
import { useEffect, useState, type ReactNode, type RefObject } from 'react';
import type { CellProblem } from './cell-problem';
import { boxBelowCell } from './grid-clipboard';

interface Props {
  containerRef: RefObject<HTMLElement | null>;
  problem: CellProblem | null;
  onDismiss: () => void;
  width?: number;
  /** Clicks pass through to the cells beneath; only × takes them. */
  clickThrough?: boolean;
  /** Escape dismisses the message wherever focus went after the refused edit. */
  escapeAnywhere?: boolean;
}

export function CellProblemBox({ containerRef, problem, onDismiss, width = 320, clickThrough = false, escapeAnywhere = false }: Props): ReactNode {
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    setPosition(problem && container ? boxBelowCell(container, problem.at, width) : null);
  }, [containerRef, problem, width]);

  useEffect(() => {
    if (!problem || !escapeAnywhere) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onDismiss();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [problem, escapeAnywhere, onDismiss]);

  if (!problem || !position) return null;
  const style = clickThrough ? { maxWidth: width, pointerEvents: 'none' as const } : {};
  return (
    <div className="pd-cell-error" role="alert" data-testid="cell-error" style={{ top: position.top, left: position.left, ...style }}>
      <span>{problem.message}</span>
      <button type="button" aria-label="close" style={clickThrough ? { pointerEvents: 'auto' } : undefined} onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
