/**
 * A locked cell of 目标分解: the UI kit's lock icon before the figure. An icon, not the 🔒 emoji,
 * which shows as an empty box where no emoji font is installed (most office PCs). Only locked cells
 * get this renderer (cellRendererSelector), so the other day cells stay plain text.
 */
import LockOutlined from '@ant-design/icons/LockOutlined';
import type { CustomCellRendererProps } from 'ag-grid-react';
import type { ReactNode } from 'react';

export function LockedValueCell({ valueFormatted, value }: CustomCellRendererProps): ReactNode {
  return (
    <span className="pd-locked-value">
      <LockOutlined className="pd-lock-icon" aria-hidden />
      {valueFormatted ?? String(value ?? '')}
    </span>
  );
}
