/** The baseline grid: React 19 and ag-grid-react's AgGridReact with the grid data, as the app renders it. */
import { themeQuartz } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { createRoot } from 'react-dom/client';
import { gridData } from '../grid-data';
import type { GridInputs } from '../grid-fetch';

export function showGrid(element: HTMLElement, inputs: GridInputs): void {
  const { rows, total, columns } = gridData(inputs);
  createRoot(element).render(
    <AgGridReact
      containerStyle={{ height: '100%' }}
      theme={themeQuartz}
      rowData={rows}
      pinnedBottomRowData={[total]}
      columnDefs={columns}
      getRowId={(p) => p.data.id}
      animateRows={false}
    />,
  );
}
