/**
 * The baseline of the budget: the grid as the app renders it (React 19 and ag-grid-react's
 * AgGridReact) with the grid data, and nothing else of the app (no antd, i18n, query cache,
 * shell, chart or page code).
 */
import { themeQuartz } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { createRoot } from 'react-dom/client';
import { loadGridData } from '../grid-data';

void loadGridData().then(({ rows, total, columns }) => {
  createRoot(document.getElementById('grid')!).render(
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
});
