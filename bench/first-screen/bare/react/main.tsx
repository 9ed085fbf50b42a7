/**
 * The baseline of the budget: the grid as the app renders it (React 19 and ag-grid-react's
 * AgGridReact) with the grid data, and nothing else of the app (no antd, i18n, query cache,
 * shell, chart or page code). The data requests start first, while the grid's code loads.
 */
import { fetchGridInputs, sizeGridBox } from '../grid-fetch';

const element = document.getElementById('grid')!;
sizeGridBox(element);
const inputs = fetchGridInputs();
void Promise.all([import('./grid-view'), inputs]).then(([{ showGrid }, data]) => showGrid(element, data));
