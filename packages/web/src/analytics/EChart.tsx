import { BarChart, LineChart, MapChart, PieChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useReducedMotion } from '../shell/reduced-motion.js';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  MapChart,
  // The wall's map writes its names as a scatter layer on the map's geo (bigscreen/charts.ts mapOption).
  ScatterChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  VisualMapComponent,
  GeoComponent,
  // labelLayout (the wall's map lets colliding names give way) does nothing unless this feature is installed.
  LabelLayout,
  CanvasRenderer,
]);
export { echarts };

/**
 * One ECharts instance per mounted chart, disposed on unmount (a big screen left on for days must not pile up
 * instances); options are replaced, not merged, so a series that disappears goes away.
 */
export function EChart({
  option,
  height,
  theme,
  onClick,
}: {
  option: echarts.EChartsCoreOption;
  height: number | string;
  theme?: 'dark';
  onClick?: (p: { name: string; data: unknown; seriesName?: string }) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  useEffect(() => {
    const c = echarts.init(ref.current!, theme);
    chart.current = c;
    c.on('click', (p) => clickRef.current?.(p as never));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(ref.current!);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [theme]);
  // Reduced motion (shell/reduced-motion.ts): the chart is drawn at once, without its build-up animation.
  const still = useReducedMotion();
  useEffect(() => {
    chart.current?.setOption(still ? { ...option, animation: false } : option, { notMerge: true });
  }, [option, still]);
  return <div ref={ref} style={{ width: '100%', height }} />;
}
