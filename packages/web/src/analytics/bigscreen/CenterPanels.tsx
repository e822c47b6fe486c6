import { useEffect, useMemo, useState } from 'react';
import type { OrderState } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { stateLabels } from '../../shared/labels.js';
import { openStates } from '../../orders/views.js';
import { analyticsApi, type HotTopics, type OrderFlow } from '../api.js';
import { EChart, echarts } from '../EChart.js';
import { mapOption } from './charts.js';

/** `level`: a province is mapped by city, a municipality (Beijing, Tianjin, Shanghai, Chongqing) by district. */
type ProvinceMap = { name: string; level: 'city' | 'county'; codes: Map<string, string>; centres: Map<string, [number, number]> };

/** The province map, from the boundaries shipped with the server (never fetched from elsewhere), registered once. */
function useProvinceMap(): ProvinceMap | null | undefined {
  const [map, setMap] = useState<ProvinceMap | null | undefined>(undefined);
  useEffect(() => {
    analyticsApi
      .map()
      .then((m) => {
        if (!m.geoJson || !m.name) return setMap(null);
        echarts.registerMap(m.name, m.geoJson as never);
        const features = (m.geoJson as { features: { id: string; properties: { name: string; cp?: [number, number] } }[] }).features;
        setMap({
          name: m.name,
          level: m.level ?? 'city',
          codes: new Map(features.map((f) => [f.id, f.properties.name])),
          // Where each area's name is written (the boundaries' own label point).
          centres: new Map(features.flatMap((f) => (f.properties.cp ? [[f.properties.name, f.properties.cp] as const] : []))),
        });
      })
      .catch(() => setMap(null));
  }, []);
  return map;
}

/** Orders of the last 30 days by city (a municipality's by district) on the map; without a map, the busiest counties as a list. */
export function MapPanel({ hot }: { hot: HotTopics }) {
  const t = useT();
  const map = useProvinceMap();
  const option = useMemo(() => (map ? mapOption(hot, map, t) : null), [hot, map, t]);
  // For the wall's browser test: which map is drawn and how many of its areas have orders to colour.
  const coloured = useMemo(() => {
    const names = new Set(map?.codes.values());
    return option ? option.series[0]!.data.filter((r) => names.has(r.name)).length : 0;
  }, [map, option]);
  return (
    <div
      className="bs-panel bs-map"
      data-testid="bs-map"
      data-map={map?.name ?? ''}
      data-level={map?.level ?? ''}
      data-areas={map?.codes.size ?? 0}
      data-coloured={coloured}
    >
      <div className="bs-panel-title">{t('近30天工单地区分布')}</div>
      {option ? (
        <EChart theme="dark" option={option} height={470} />
      ) : (
        <div className="bs-rank">
          {hot.divisions.counties.slice(0, 12).map((c) => (
            <div key={c.code} className="bs-rank-row">
              <span>{c.code}</span>
              <b>{c.count}</b>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

/**
 * The cells of the order flow: every open state (orders/views.ts openStates, the server's), 退单待审 and 回访不满意
 * too, so the cells add up to the 在办 card (the server's `open` is the sum of the same states). A state the server
 * counts that this list lacks still gets its cell, never a part missing from the whole.
 */
export function flowCells(flow: Pick<OrderFlow, 'totals'>): { state: OrderState; count: number }[] {
  const states = [...openStates, ...(Object.keys(flow.totals) as OrderState[]).filter((s) => !openStates.includes(s))];
  return states.map((state) => ({ state, count: flow.totals[state] ?? 0 }));
}

/** How many orders are in each open state now, above the rotating chart. */
export function FlowPanel({ flow, chart }: { flow: OrderFlow; chart: echarts.EChartsCoreOption }) {
  return (
    <div className="bs-panel">
      <FlowCells flow={flow} />
      <EChart theme="dark" option={chart} height={200} />
    </div>
  );
}

export function FlowCells({ flow }: { flow: Pick<OrderFlow, 'totals'> }) {
  const t = useT();
  const cells = flowCells(flow);
  return (
    <div className="bs-flow" style={{ gridTemplateColumns: `repeat(${cells.length}, 1fr)` }} data-testid="bs-flow">
      {cells.map(({ state, count }) => (
        <div key={state} className="bs-flow-cell">
          <div className="bs-figure-label">{t(stateLabels[state] ?? state)}</div>
          <div className="bs-flow-value">{count}</div>
        </div>
      ))}
    </div>
  );
}
