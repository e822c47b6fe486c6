import { Button, Card, Col, Collapse, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { supervisionApi, type BoardOrder, type BoardUnit } from '../api/supervision.js';
import { useT } from '../i18n/i18n.js';
import { formatTime } from '../shared/format.js';
import { stateLabels } from '../shared/labels.js';
import { EmptyState, ErrorState, Loading } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';
import { UrgeDialog } from './UrgeDialog.js';

// The steps an order is in (server orders/domain/events.ts `orderSteps`): the timed ones and the desk's two decisions.
const stepLabels: Record<string, string> = {
  dispatch: '派单',
  sign: '签收',
  return: '退单',
  reply: '办结反馈',
  callback: '回访',
  review: '审核',
  reopen_or_archive: '重启或归档',
};

/**
 * The supervisor's board (督办看板): near-due, overdue, emergency and awaiting-instruction orders by the unit each waits
 * for (its holder, or the desk whose decision it awaits: the server's grouping, the unit 催办 goes to),
 * one click to urge where the server says the reader may (`canUrge`: the state machine's answer, as on the order's
 * page). A row the reader's unit only still sees (it returned the order, was passed over), or a dispatcher's, has none.
 */
export default function SupervisionBoardPage() {
  const t = useT();
  const { data, error, loading, reload } = useLoad((signal) => supervisionApi.board(signal), []);
  const [urging, setUrging] = useState<BoardOrder | null>(null);

  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (loading && !data) return <Loading />;
  if (!data) return null;

  const columns = [
    {
      title: t('工单'),
      key: 'number',
      render: (_: unknown, o: BoardOrder) => (
        <Space direction="vertical" size={0}>
          <Link to={`/orders/${o.id}`}>{o.number}</Link>
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320 }}>
            {o.title}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('状态'), key: 'state', render: (_: unknown, o: BoardOrder) => t(stateLabels[o.state as keyof typeof stateLabels] ?? o.state) },
    { title: t('环节'), key: 'step', render: (_: unknown, o: BoardOrder) => (o.step ? t(stepLabels[o.step] ?? o.step) : '—') },
    { title: t('期限'), key: 'due', render: (_: unknown, o: BoardOrder) => formatTime(o.dueAt) },
    {
      title: t('督办'),
      key: 'flags',
      render: (_: unknown, o: BoardOrder) => (
        <Space wrap size={4}>
          {o.status === 'overdue' && <Tag color="red">{t('超期')}</Tag>}
          {o.status === 'near_due' && <Tag color="orange">{t('临期')}</Tag>}
          {o.emergency && <Tag color="magenta">{t('应急')}</Tag>}
          {o.awaitingInstruction && (
            <Tag color="purple" data-testid={`awaiting-${o.number}`}>
              {o.awaitingInstruction === 'provincial' ? t('待省总领导批示') : t('待主要领导批示')}
            </Tag>
          )}
          {o.urges > 0 && <Tag>{t('已催办 {n} 次', { n: o.urges })}</Tag>}
        </Space>
      ),
    },
    {
      title: '',
      key: 'urge',
      render: (_: unknown, o: BoardOrder) =>
        o.canUrge ? (
          <Button size="small" type="primary" danger={o.status === 'overdue'} onClick={() => setUrging(o)} data-testid={`urge-${o.number}`}>
            {t('催办')}
          </Button>
        ) : null,
    },
  ];

  const header = (u: BoardUnit) => (
    <Space wrap>
      <strong>{u.unit.name}</strong>
      {u.overdue > 0 && <Tag color="red">{t('超期 {n}', { n: u.overdue })}</Tag>}
      {u.nearDue > 0 && <Tag color="orange">{t('临期 {n}', { n: u.nearDue })}</Tag>}
      {u.emergency > 0 && <Tag color="magenta">{t('应急 {n}', { n: u.emergency })}</Tag>}
      {u.awaitingInstruction > 0 && <Tag color="purple">{t('待批示 {n}', { n: u.awaitingInstruction })}</Tag>}
      <span className="muted small">{t('近 30 天催办 {n} 次、超期 {m} 次', { n: u.urges30d, m: u.overdue30d })}</span>
    </Space>
  );

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Row gutter={16}>
          <Col flex={1}>
            <Statistic title={t('超期')} value={data.totals.overdue} valueStyle={{ color: '#cf1322' }} />
          </Col>
          <Col flex={1}>
            <Statistic title={t('临期')} value={data.totals.nearDue} valueStyle={{ color: '#d46b08' }} />
          </Col>
          <Col flex={1}>
            <Statistic title={t('应急工单')} value={data.totals.emergency} valueStyle={{ color: '#c41d7f' }} />
          </Col>
          <Col flex={1}>
            <Statistic title={t('待领导批示')} value={data.totals.awaitingInstruction} valueStyle={{ color: '#531dab' }} />
          </Col>
          <Col flex={1}>
            <Statistic title={t('涉及单位')} value={data.units.length} />
          </Col>
        </Row>
        <div className="muted small" style={{ marginTop: 8 }}>
          {t('更新于 {time}', { time: formatTime(data.generatedAt) })}
          {data.truncated && ` · ${t('只显示最紧急的 500 件')}`}
          <Button type="link" size="small" onClick={reload}>
            {t('刷新')}
          </Button>
          {/* The dispatcher's menu bar is full at 1366 px: the insight pages are reached from the board too. */}
          <Link to="/insights/surges" data-testid="board-insights">
            {t('突增预警与趋势预测')}
          </Link>
        </div>
      </Card>
      {data.units.length === 0 ? (
        <Card>
          <EmptyState text={t('辖区内没有临期、超期、应急或待批示工单')} />
        </Card>
      ) : (
        <Collapse
          defaultActiveKey={data.units.slice(0, 3).map((u) => u.unit.id)}
          items={data.units.map((u) => ({
            key: u.unit.id,
            label: header(u),
            children: <Table<BoardOrder> size="small" rowKey="id" pagination={false} columns={columns} dataSource={u.orders} />,
          }))}
        />
      )}
      <UrgeDialog
        order={urging}
        onClose={() => setUrging(null)}
        onDone={() => {
          setUrging(null);
          reload();
        }}
      />
    </Space>
  );
}
