import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Form, Input, Modal, Segmented, Upload } from 'antd';
import { useState } from 'react';
import { calendarApi } from '../../api/admin.js';
import { ApiError } from '../../api/client.js';
import { useT } from '../../i18n/i18n.js';
import { parseDateLines } from '../calendar-grid.js';
import { validValues } from '../../api/form-errors.js';

export type NoticeFile = { name: string; format: 'ics' | 'json'; content: string };

/** The year's notice, typed line by line or as a file (.ics / JSON) as the State Council notice is published. */
export function ImportDialog({ year, onClose, onDone }: { year: number; onClose: () => void; onDone: (year: number) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ year: string; holidays: string; makeupDays: string }>();
  const [mode, setMode] = useState<'file' | 'lines'>('file');
  const [file, setFile] = useState<NoticeFile | null>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const submit = async () => {
    const v = await validValues(form, mode === 'file' ? ['year'] : undefined);
    if (!v) return;
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
        return m
          ? `${m[1] === 'holidays' ? t('放假日期') : t('调休上班日期')} ${t('{label}：', { label: t('第 {n} 行', { n: Number(m[2]) + 1 }) })}${f.message}`
          : f.message;
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
