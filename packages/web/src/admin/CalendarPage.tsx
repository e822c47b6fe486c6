import { CalendarOutlined, ImportOutlined, InboxOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Input, Modal, Row, Segmented, Space, Switch, Tag, TimePicker, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { calendarApi } from '../api/admin.js';
import { ApiError } from '../api/client.js';
import { applyServerErrors } from '../api/form-errors.js';
import type { CalendarDay, CalendarYear } from '../api/types.js';
import { useT } from '../i18n/i18n.js';
import { EmptyState, ErrorState, Loading } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';
import { monthGrid, parseDateLines } from './calendar-grid.js';
import './admin.css';

export default function CalendarPage() {
  const t = useT();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const data = useLoad(() => calendarApi.year(year), [year]);
  const [editing, setEditing] = useState<CalendarDay | null>(null);
  const [importing, setImporting] = useState(false);
  const byDate = useMemo(() => new Map((data.data?.days ?? []).map((d) => [d.date, d])), [data.data]);
  const cov = data.data?.coverage;
  const counts = useMemo(() => {
    const days = data.data?.days ?? [];
    return {
      work: days.filter((d) => d.workday).length,
      holiday: days.filter((d) => d.holidayName && !d.makeup).length,
      makeup: days.filter((d) => d.makeup).length,
    };
  }, [data.data]);

  return (
    <div>
      <div className="page-title">
        <h1>
          <CalendarOutlined /> {t('工作日历')}
        </h1>
        <Space>
          <Button icon={<LeftOutlined />} onClick={() => setYear((y) => y - 1)} aria-label={t('上一年')} />
          <Typography.Title level={4} style={{ margin: 0, minWidth: 70, textAlign: 'center' }}>
            {year}
          </Typography.Title>
          <Button icon={<RightOutlined />} onClick={() => setYear((y) => y + 1)} aria-label={t('下一年')} />
          <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
            {t('导入年度安排')}
          </Button>
        </Space>
      </div>
      {cov?.warning && <Alert type="warning" showIcon style={{ marginBottom: 10 }} title={cov.warning} />}
      {cov?.provisional && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 10 }}
          data-testid="calendar-provisional"
          title={t('{from} 至 {to} 为暂定日历：按放假办法推算节假日，没有调休上班；落在其中的期限标为“暂定”，导入国务院通知后自动重算', {
            from: cov.provisional.from,
            to: cov.provisional.to,
          })}
        />
      )}
      {cov && (
        <div className="muted small" style={{ marginBottom: 8 }}>
          {t('日历覆盖 {from} 至 {to}', { from: cov.firstDay ?? '—', to: cov.lastDay ?? '—' })}
          {cov.daysLeft !== null && ` · ${t('剩余 {n} 天', { n: cov.daysLeft })}`}
          {data.data?.days.length
            ? ` · ${t('{year} 年：工作日 {w} 天，节假日 {h} 天，调休上班 {m} 天', { year, w: counts.work, h: counts.holiday, m: counts.makeup })}`
            : ''}
        </div>
      )}
      <Row gutter={12}>
        <Col span={18}>
          {data.error ? (
            <ErrorState error={data.error} onRetry={data.reload} />
          ) : data.loading && !data.data ? (
            <Loading />
          ) : !data.data?.days.length ? (
            <Card>
              <EmptyState text={t('{year} 年尚无日历数据，请按国务院办公厅通知导入该年度安排', { year })} />
            </Card>
          ) : (
            <div className="year-grid">
              {Array.from({ length: 12 }, (_, m) => (
                <Month key={m} year={year} month={m} byDate={byDate} onPick={setEditing} />
              ))}
            </div>
          )}
          <div className="calendar-legend small">
            <span className="cal-day workday">1</span> {t('工作日')}
            <span className="cal-day rest">1</span> {t('休息日')}
            <span className="cal-day holiday">1</span> {t('法定节假日')}
            <span className="cal-day makeup">1</span> {t('调休上班')}
            <span className="cal-day workday provisional">1</span> {t('暂定')}
            <span className="muted"> · {t('点击日期修改')}</span>
          </div>
        </Col>
        <Col span={6}>{data.data && <WorkingHoursCard hours={data.data.workingHours} onSaved={data.reload} />}</Col>
      </Row>
      {editing && <DayDialog day={editing} onClose={() => setEditing(null)} onSaved={() => (setEditing(null), data.reload())} />}
      {importing && (
        <ImportDialog year={year} onClose={() => setImporting(false)} onDone={(y) => (setImporting(false), y === year ? data.reload() : setYear(y))} />
      )}
    </div>
  );
}

function Month({ year, month, byDate, onPick }: { year: number; month: number; byDate: Map<string, CalendarDay>; onPick: (d: CalendarDay) => void }) {
  const t = useT();
  const weeks = monthGrid(year, month);
  const head = ['一', '二', '三', '四', '五', '六', '日'];
  return (
    <Card size="small" title={t('{m} 月', { m: month + 1 })} className="month-card">
      <div className="month-grid">
        {head.map((h) => (
          <div key={h} className="cal-head">
            {t(h)}
          </div>
        ))}
        {weeks.flat().map((date, i) => {
          if (!date) return <div key={`e${i}`} />;
          const d = byDate.get(date);
          const cls = !d ? 'missing' : d.makeup ? 'makeup' : d.holidayName && !d.workday ? 'holiday' : d.workday ? 'workday' : 'rest';
          const label = d ? [d.holidayName, d.makeup ? t('调休上班') : null, d.note].filter(Boolean).join(' · ') : t('无数据');
          return (
            <button
              key={date}
              type="button"
              className={`cal-day ${cls}${d?.source === 'admin' ? ' edited' : ''}${d?.source === 'provisional' ? ' provisional' : ''}`}
              title={`${date} ${label}`}
              aria-label={`${date} ${label || (d?.workday ? t('工作日') : t('休息日'))}`}
              disabled={!d}
              onClick={() => d && onPick(d)}
            >
              {Number(date.slice(8))}
            </button>
          );
        })}
      </div>
    </Card>
  );
}

function DayDialog({ day, onClose, onSaved }: { day: CalendarDay; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ workday: boolean; holidayName?: string; makeup: boolean; note?: string }>();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const weekend = [0, 6].includes(dayjs(day.date).day());
  const workday = Form.useWatch('workday', form);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setProblems([]);
    try {
      await calendarApi.setDay(day.date, {
        workday: v.workday,
        holidayName: v.holidayName?.trim() || null,
        makeup: weekend && v.workday ? v.makeup : false,
        note: v.note?.trim() || null,
      });
      message.success(t('{date} 已修改', { date: day.date }));
      onSaved();
    } catch (e) {
      setProblems(applyServerErrors(form, e));
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={`${day.date}（${t(['日', '一', '二', '三', '四', '五', '六'][dayjs(day.date).day()]!)}）`}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('修改会影响此后计算的所有期限，并记入审计日志')} />
      {problems.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={problems.join('；')} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ workday: day.workday, holidayName: day.holidayName ?? undefined, makeup: day.makeup, note: day.note ?? undefined }}
      >
        <Form.Item name="workday" label={t('是否工作日')} valuePropName="checked">
          <Switch checkedChildren={t('上班')} unCheckedChildren={t('休息')} />
        </Form.Item>
        <Form.Item name="holidayName" label={t('节日名称')} rules={[{ max: 40, message: t('节日名称最多 40 个字') }]}>
          <Input placeholder={t('如：春节')} />
        </Form.Item>
        {weekend && workday && (
          <Form.Item name="makeup" label={t('调休上班')} valuePropName="checked" extra={t('周末因节假日调休而上班')}>
            <Switch />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('备注')} rules={[{ max: 200, message: t('备注最多 200 个字') }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type NoticeFile = { name: string; format: 'ics' | 'json'; content: string };

/** The year's notice, typed line by line or as a file (.ics / JSON) as the State Council notice is published. */
function ImportDialog({ year, onClose, onDone }: { year: number; onClose: () => void; onDone: (year: number) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ year: string; holidays: string; makeupDays: string }>();
  const [mode, setMode] = useState<'file' | 'lines'>('file');
  const [file, setFile] = useState<NoticeFile | null>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const submit = async () => {
    const v = await form.validateFields(mode === 'file' ? ['year'] : undefined);
    let body: { year: number; holidays: { date: string; name: string }[]; makeupDays: { date: string; name: string }[] } | null = null;
    if (mode === 'lines') {
      const holidays = parseDateLines(v.holidays);
      const makeupDays = parseDateLines(v.makeupDays ?? '');
      const bad = [...holidays.problems, ...makeupDays.problems];
      if (bad.length) return setProblems(bad);
      body = { year: Number(v.year), holidays: holidays.items, makeupDays: makeupDays.items };
    } else if (!file) return setProblems([t('请选择国务院通知的 .ics 或 .json 文件')]);
    setBusy(true);
    setProblems([]);
    try {
      const r = body
        ? await calendarApi.importYear(body)
        : await calendarApi.importYearFile({ year: Number(v.year), format: file!.format, content: file!.content });
      message.success(
        `${t('{year} 年已导入：{d} 天，其中工作日 {w} 天', { year: r.year, d: r.days, w: r.workdays })}${
          r.recomputedOrders ? t('；{n} 张在办工单的暂定期限已重算', { n: r.recomputedOrders }) : ''
        }`,
      );
      onDone(r.year);
    } catch (e) {
      // The server names lines as 'holidays.2.date': point at the line the person typed.
      const fields = e instanceof ApiError ? e.fields : [];
      const lines = fields.map((f) => {
        const m = /(holidays|makeupDays)\.(\d+)/.exec(f.field);
        return m ? `${m[1] === 'holidays' ? t('放假日期') : t('调休上班日期')} ${t('第 {n} 行', { n: Number(m[2]) + 1 })}：${f.message}` : f.message;
      });
      setProblems(lines.length ? lines : [(e as Error).message]);
    } finally {
      setBusy(false);
    }
  };
  const pick = async (f: File) => {
    const format = /\.ics$/i.test(f.name) ? 'ics' : /\.json$/i.test(f.name) ? 'json' : null;
    if (!format) setProblems([t('只支持 .ics 或 .json 文件')]);
    else {
      setProblems([]);
      setFile({ name: f.name, format, content: await f.text() });
    }
    return false;
  };
  return (
    <Modal
      open
      width={640}
      title={t('导入年度节假日安排')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okText={t('导入')}
      destroyOnHidden
    >
      <Segmented
        style={{ marginBottom: 12 }}
        value={mode}
        onChange={(m) => (setMode(m as 'file' | 'lines'), setProblems([]))}
        options={[
          { value: 'file', label: t('从文件导入') },
          { value: 'lines', label: t('逐行填写') },
        ]}
      />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={
          mode === 'file'
            ? t('选择国务院办公厅通知的日历文件：iCalendar（.ics）或 JSON；只取所填年份的放假与调休上班日期。')
            : t('按国务院办公厅通知逐行填写“日期 名称”，例如“2027-02-06 春节”；其余周末休息、周一至周五上班。')
        }
      />
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          title={
            <div>
              {problems.map((p) => (
                <div key={p}>{p}</div>
              ))}
            </div>
          }
        />
      )}
      <Form form={form} layout="vertical" initialValues={{ year: String(year + 1) }}>
        <Form.Item name="year" label={t('年份')} rules={[{ required: true, pattern: /^20\d\d$/, message: t('年份应为 2000–2099') }]}>
          <Input style={{ width: 120 }} />
        </Form.Item>
        {mode === 'file' ? (
          <Upload.Dragger accept=".ics,.json" multiple={false} showUploadList={false} beforeUpload={(f) => pick(f)} data-testid="calendar-file">
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{file ? `${file.name}（${file.format.toUpperCase()}）` : t('点击或拖入 .ics / .json 文件')}</p>
          </Upload.Dragger>
        ) : (
          <>
            <Form.Item name="holidays" label={t('放假日期（每行一天）')} rules={[{ required: true, message: t('请至少填写一个放假日期') }]}>
              <Input.TextArea autoSize={{ minRows: 6, maxRows: 12 }} placeholder={'2027-01-01 元旦\n2027-02-06 春节\n…'} />
            </Form.Item>
            <Form.Item name="makeupDays" label={t('调休上班日期（每行一天，须为周六或周日）')}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder={'2027-02-14 春节调休'} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

function WorkingHoursCard({ hours, onSaved }: { hours: CalendarYear['workingHours']; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [periods, setPeriods] = useState(hours.periods);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const save = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await calendarApi.setWorkingHours({ periods, version: hours.version });
      message.success(t('工作时间已保存'));
      onSaved();
    } catch (e) {
      setProblem((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('每日工作时间')}>
      {problem && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={problem} />}
      {periods.map((p, i) => (
        <Space key={i} style={{ marginBottom: 6 }}>
          <TimePicker.RangePicker
            format="HH:mm"
            minuteStep={5}
            value={[dayjs(`2000-01-01T${p.start}`), dayjs(`2000-01-01T${p.end}`)]}
            onChange={(r) =>
              r?.[0] && r[1] && setPeriods((ps) => ps.map((x, j) => (j === i ? { start: r[0]!.format('HH:mm'), end: r[1]!.format('HH:mm') } : x)))
            }
            allowClear={false}
          />
          <Button size="small" onClick={() => setPeriods((ps) => ps.filter((_, j) => j !== i))} disabled={periods.length <= 1}>
            {t('删除')}
          </Button>
        </Space>
      ))}
      <Space style={{ marginTop: 4 }}>
        <Button size="small" onClick={() => setPeriods((ps) => [...ps, { start: '18:00', end: '20:00' }])} disabled={periods.length >= 6}>
          {t('增加时段')}
        </Button>
        <Button size="small" type="primary" onClick={() => void save()} loading={busy}>
          {t('保存')}
        </Button>
      </Space>
      <div className="muted small" style={{ marginTop: 8 }}>
        {t('按工作小时计算的期限只在这些时段内计时')} <Tag>v{hours.version}</Tag>
      </div>
    </Card>
  );
}
