/**
 * The header's plan year switch (年度) and the 新建年度计划 button, shown on the plan screens. A plain
 * select and button: the header is on the first screen (no antd there); the dialog loads on click.
 */
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useWorkspaceInfo } from '../api/hooks';
import { choosePlanYear, usePlanYear } from '../api/plan-year';
import { ToolButton } from './ToolButton';

const NewYearDialog = lazy(() => import('./NewYearDialog').then((m) => ({ default: m.NewYearDialog })));

export function YearSwitch(): ReactNode {
  const { t } = useTranslation();
  const info = useWorkspaceInfo().data;
  const year = usePlanYear();
  const [open, setOpen] = useState(false);
  if (!info || year === undefined) return null;
  return (
    <span className="pd-year-switch">
      <label className="pd-year-label">
        {t('header.year')}
        <select
          className="pd-year-select"
          data-testid="year-switch"
          value={year}
          aria-label={t('header.year')}
          onChange={(event) => choosePlanYear(info.fileName, Number(event.target.value))}
        >
          {info.planYears.map((y) => (
            <option key={y} value={y}>
              {t('header.yearOption', { year: y })}
            </option>
          ))}
        </select>
      </label>
      <ToolButton data-testid="new-year" title={t('newYear.hint', { from: year, to: year + 1 })} onClick={() => setOpen(true)}>
        {t('newYear.button')}
      </ToolButton>
      {open && (
        <Suspense fallback={null}>
          <NewYearDialog fromYear={year} fileName={info.fileName} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </span>
  );
}
