/** Baseline without React, for the record: the data requests start first, while AG Grid loads. */
import { fetchGridInputs, sizeGridBox } from '../grid-fetch';

const element = document.getElementById('grid')!;
sizeGridBox(element);
const inputs = fetchGridInputs();
void Promise.all([import('./grid-view'), inputs]).then(([{ showGrid }, data]) => showGrid(element, data));
