/**
 * The baseline pages' data requests, in a module without AG Grid: a page starts them before it
 * evaluates AG Grid, as the app starts its first requests before its page code runs (main.tsx).
 */
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../src-shared/contract/channels';

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const response = await fetch(`/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-PlanDesk': '1' },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { ok: boolean; data: ChannelOutput<C> };
  if (!body.ok) throw new Error(`${channel} failed`);
  return body.data;
}

export interface GridInputs {
  org: ChannelOutput<'org/list-tree'>;
  metrics: ChannelOutput<'metrics/list'>;
  cells: ChannelOutput<'targets/list-cells'>;
}

/** The same requests in the same order as the app: the plan year first, then org, metrics and cells. */
export async function fetchGridInputs(): Promise<GridInputs> {
  const info = await call('workspace/get-info', {});
  const [org, metrics, cells] = await Promise.all([call('org/list-tree', {}), call('metrics/list', {}), call('targets/list-cells', { year: info.planYear })]);
  return { org, metrics, cells };
}

/**
 * Gives the grid the app's grid box (`?width=…&height=…`, measured by the figure on the app's
 * page): AG Grid draws only the columns and rows that fit, so a larger box is more work.
 */
export function sizeGridBox(element: HTMLElement): void {
  const query = new URLSearchParams(window.location.search);
  const width = Number(query.get('width'));
  const height = Number(query.get('height'));
  if (width > 0) element.style.width = `${width}px`;
  if (height > 0) element.style.height = `${height}px`;
}
