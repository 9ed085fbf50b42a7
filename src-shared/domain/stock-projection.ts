/**
 * The stocking plan's arithmetic (备货计划), pure. For one store and category over the window's
 * days, in the category's unit:
 *
 * - projected stock at the end of day d = the stock at the end of the day before (the opening
 *   stock before the first day) + what arrives on d (deliveries arrive before the day's sales)
 *   − the forecast sales of d;
 * - safety stock = safety days × the window's average forecast daily sales, rounded up;
 * - a day is 断货 (stock-out) when its projected stock is below zero, 预警 when it is below the
 *   safety stock; each run of days with the same state is one warning, with the largest shortfall
 *   in it and the next arrival after its first day (null: nothing more is coming).
 */

export type StockState = 'ok' | 'below-safety' | 'stock-out';

export interface StockArrival {
  day: string;
  quantity: number;
}

export interface StockWarning {
  kind: Exclude<StockState, 'ok'>;
  firstDay: string;
  lastDay: string;
  /** How far below zero (断货) or below the safety stock (预警) it goes, at most. */
  shortfall: number;
  nextArrival: string | null;
}

export interface StockProjection {
  projected: number[];
  safety: number;
  states: StockState[];
  warnings: StockWarning[];
}

export function safetyStock(forecast: readonly number[], safetyDays: number): number {
  if (forecast.length === 0 || safetyDays <= 0) return 0;
  const total = forecast.reduce((a, b) => a + b, 0);
  return Math.ceil((safetyDays * total) / forecast.length);
}

export function projectStock(
  days: readonly string[],
  opening: number,
  forecast: readonly number[],
  arrivals: readonly StockArrival[],
  safetyDays: number,
): StockProjection {
  const arrivingOn = new Map<string, number>();
  for (const a of arrivals) arrivingOn.set(a.day, (arrivingOn.get(a.day) ?? 0) + a.quantity);
  const arrivalDays = [...arrivingOn.keys()].sort();
  const safety = safetyStock(forecast, safetyDays);
  const projected = new Array<number>(days.length);
  const states = new Array<StockState>(days.length);
  // Arrivals dated outside the window do not count (the service refuses them: one before it is
  // already in the opening stock).
  let stock = opening;
  for (let i = 0; i < days.length; i++) {
    stock += (arrivingOn.get(days[i]) ?? 0) - (forecast[i] ?? 0);
    projected[i] = stock;
    states[i] = stock < 0 ? 'stock-out' : stock < safety ? 'below-safety' : 'ok';
  }
  const warnings: StockWarning[] = [];
  for (let i = 0; i < days.length;) {
    if (states[i] === 'ok') {
      i++;
      continue;
    }
    const kind = states[i] as StockWarning['kind'];
    let j = i;
    let shortfall = 0;
    while (j < days.length && states[j] === kind) {
      shortfall = Math.max(shortfall, kind === 'stock-out' ? -projected[j] : safety - projected[j]);
      j++;
    }
    warnings.push({ kind, firstDay: days[i], lastDay: days[j - 1], shortfall, nextArrival: arrivalDays.find((d) => d > days[i]) ?? null });
    i = j;
  }
  return { projected, safety, states, warnings };
}
