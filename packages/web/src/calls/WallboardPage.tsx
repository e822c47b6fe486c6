import { Card, Col, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { callsApi, type Wallboard } from '../api/calls.js';
import { useT } from '../i18n/i18n.js';
import { Loading } from '../shell/states.js';
import { agentStateColors, agentStateLabels } from './agent-state-labels.js';
import { agentLabel } from './labels.js';
import { runningClocks, watchWallboard } from './wallboard-live.js';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const secs = (x: number | null) => (x === null ? '—' : `${Math.round(x)} s`);

/** How often the running clocks (longest wait, time in state) move between reads. */
const tickMs = 1_000;
/** After a failed read, the next try. */
const retryMs = 10_000;

/**
 * The live wallboard (话务大屏) of the desk: the queue now, today's figures so far and every agent's state, re-read
 * when the wallboard's stream says the desk changed (and after the stream comes back), never on a timer.
 */
export default function WallboardPage() {
  const t = useT();
  const [board, setBoard] = useState<Wallboard | null>(null);
  const [readAt, setReadAt] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    let retry: number | undefined;
    const load = () =>
      void callsApi.wallboard(controller.signal).then(
        (b) => {
          setBoard(b);
          setReadAt(Date.now());
          setFailed(false);
        },
        () => {
          if (controller.signal.aborted) return;
          setFailed(true);
          // A failed read is tried again even if the desk stays quiet (no event would come to re-read it).
          retry ??= window.setTimeout(() => {
            retry = undefined;
            load();
          }, retryMs);
        },
      );
    load();
    const stop = watchWallboard(load);
    return () => {
      controller.abort();
      window.clearTimeout(retry);
      stop();
    };
  }, []);
  useEffect(() => {
    const tick = window.setInterval(() => setNow(Date.now()), tickMs);
    return () => window.clearInterval(tick);
  }, []);
  if (!board) return failed ? <Typography.Text type="danger">{t('话务大屏加载失败，稍后自动重试')}</Typography.Text> : <Loading />;
  const f = board.today;
  const clocks = runningClocks(board, now - readAt);
  return (
    <div className="wallboard" data-testid="wallboard">
      <Typography.Title level={4}>
        {t('话务大屏')} <Typography.Text type="secondary">{board.date}</Typography.Text>
      </Typography.Title>
      <Row gutter={[12, 12]}>
        {[
          [t('排队中'), board.queue.waiting],
          [t('最长等待'), `${clocks.longestWaitSeconds} s`],
          [t('通话中'), board.queue.talking],
          [t('今日来电'), f.calls],
          [t('接通率'), pct(f.answerRate)],
          [t('15 秒接通率'), pct(f.answerWithinRate)],
          [t('放弃率'), pct(f.abandonRate)],
          [t('平均等待'), secs(f.averageWaitSeconds)],
          [t('平均通话'), secs(f.averageTalkSeconds)],
        ].map(([title, value]) => (
          <Col key={String(title)} xs={12} md={8} lg={6} xl={4}>
            <Card size="small">
              <Statistic title={title} value={value as string | number} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('坐席状态')} style={{ marginTop: 12 }}>
        <Table
          size="small"
          rowKey="agent"
          pagination={false}
          dataSource={board.agents}
          columns={[
            { title: t('坐席'), key: 'agent', render: (_: unknown, a: (typeof board.agents)[number]) => agentLabel(a) },
            {
              title: t('状态'),
              dataIndex: 'state',
              render: (s: string) => <Tag color={agentStateColors[s]}>{t(agentStateLabels[s] ?? s)}</Tag>,
            },
            {
              title: t('持续'),
              dataIndex: 'since',
              render: (s: string) => {
                const m = clocks.minutesInState(s);
                return m === null ? '—' : `${m} ${t('分钟')}`;
              },
            },
            { title: t('今日接听'), dataIndex: 'answeredToday' },
          ]}
        />
      </Card>
    </div>
  );
}
