import { useEffect, useMemo, useState } from 'react';
import type { ApiError } from '../../api/client.js';
import { useT } from '../../i18n/i18n.js';
import { EChart } from '../EChart.js';
import '../analytics.css';
import { FlowPanel, MapPanel } from './CenterPanels.js';
import { rotatingOption, rotatingPanels, satisfactionOption, subjectsOption } from './charts.js';
import { FigureStrip } from './FigureStrip.js';
import { RankingPanel, UrgentPanel } from './SidePanels.js';
import { useScreen } from './use-screen.js';

const rotateMs = 15_000;

/** 1920×1080 scaled to whatever screen the wall has. */
function useFit(): number {
  const [scale, setScale] = useState(1);
  useEffect(() => {
    const fit = () => setScale(Math.min(window.innerWidth / 1920, window.innerHeight / 1080));
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, []);
  return scale;
}

/** The clock ticks every second; the panel under the order flow changes every 15 s. */
function useTicks(): { clock: Date; panel: number } {
  const [clock, setClock] = useState(() => new Date());
  const [panel, setPanel] = useState(0);
  useEffect(() => {
    const tick = setInterval(() => setClock(new Date()), 1000);
    const rotate = setInterval(() => setPanel((p) => (p + 1) % rotatingPanels.length), rotateMs);
    return () => {
      clearInterval(tick);
      clearInterval(rotate);
    };
  }, []);
  return { clock, panel };
}

/**
 * The wall of the command centre (数据大屏): figures of the viewer's scope, or of a display token's unit when the wall
 * runs without a person signed in (BigScreenRoute). `onAccessLost`: the server refused the figures (token revoked).
 */
export function BigScreenPage({ onAccessLost }: { onAccessLost?: (e: ApiError) => void }) {
  const t = useT();
  const { data, live } = useScreen(onAccessLost);
  const { clock, panel } = useTicks();
  const scale = useFit();
  const charts = useMemo(
    () =>
      data && {
        satisfaction: satisfactionOption(data.weekly, t),
        subjects: subjectsOption(data.hot),
        rotating: rotatingOption(rotatingPanels[panel]!, data, t),
      },
    [data, panel, t],
  );

  if (!data || !charts)
    return (
      <div className="bigscreen-shell">
        <div className="bigscreen-loading">{t('正在加载…')}</div>
      </div>
    );
  return (
    <div className="bigscreen-shell">
      <div className="bigscreen" style={{ transform: `scale(${scale})` }} data-testid="bigscreen">
        <header className="bs-header">
          <div className="bs-title">
            {data.today.unit.name} · {t('12351职工服务热线数据大屏')}
          </div>
          <div className="bs-clock">
            <span className={live ? 'bs-live' : 'bs-offline'}>{live ? t('实时') : t('重连中')}</span>
            {clock.toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' })}
          </div>
        </header>
        <FigureStrip today={data.today} month={data.month} flow={data.flow} />
        <section className="bs-left">
          <div className="bs-panel">
            <div className="bs-panel-title">{t('近30天热点诉求')}</div>
            <EChart theme="dark" option={charts.subjects} height={380} />
          </div>
          <div className="bs-panel">
            <div className="bs-panel-title">{t('满意率与按时办结率（按周，近13周）')}</div>
            <EChart theme="dark" option={charts.satisfaction} height={300} />
          </div>
        </section>
        <section className="bs-center">
          <MapPanel hot={data.hot} />
          <FlowPanel flow={data.flow} chart={charts.rotating} />
        </section>
        <section className="bs-right">
          <UrgentPanel urgent={data.urgent} />
          <RankingPanel ranking={data.ranking} />
        </section>
      </div>
    </div>
  );
}
