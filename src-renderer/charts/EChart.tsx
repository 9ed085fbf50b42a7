import type { ECharts, EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A small wrapper over plain echarts: echarts-for-react's `finished` event never fired with
 * animation off (TOOLCHAIN.md), and a hook is all we need. ECharts itself (its own chunk) is
 * loaded when the browser is next idle, so a page's grid is drawn before the chart library runs.
 */
export function EChart({ option, height = 360, testId }: { option: EChartsCoreOption; height?: number; testId?: string }): ReactNode {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ECharts | null>(null);
  // The latest option, for a chart that starts after it was given.
  const optionRef = useRef(option);
  optionRef.current = option;

  useEffect(() => {
    let disposed = false;
    let cleanup = () => {};
    void whenIdle()
      .then(() => import('./echarts-setup'))
      .then(({ echarts }) => {
        if (disposed || !ref.current) return;
        const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
        chartRef.current = chart;
        chart.setOption(optionRef.current, { notMerge: true });
        const observer = new ResizeObserver(() => chart.resize());
        observer.observe(ref.current);
        cleanup = () => {
          observer.disconnect();
          chart.dispose();
          chartRef.current = null;
        };
      });
    return () => {
      disposed = true;
      cleanup();
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} style={{ width: '100%', height }} data-testid={testId} />;
}

/** Resolves when the main thread is idle (at the latest after a second). */
function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 1000 });
    else setTimeout(resolve, 0);
  });
}
