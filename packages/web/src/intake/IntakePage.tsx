import { PlusOutlined, MinusCircleOutlined, SaveOutlined, PhoneOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Cascader, Checkbox, Col, Form, Input, InputNumber, Radio, Row, Segmented, Select, Space, Switch, Tooltip, Typography, type SelectProps } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../api/client.js';
import { applyServerErrors } from '../api/form-errors.js';
import { ordersApi } from '../api/orders.js';
import { channels, type IntakeMatches, type OrderSummary, type OrderView } from '../api/types.js';
import { useCurrent } from '../auth/session.js';
import { useI18n } from '../i18n/i18n.js';
import { channelLabels, priorityLabels, relationLabels, tierLabels } from '../shared/labels.js';
import { useCatalog, useDivisions } from '../shared/reference.js';
import { rules } from '../shared/validation.js';
import { CallTimer } from './CallTimer.js';
import {
  blankIntake,
  clearDraft,
  emptyIntake,
  isBlank,
  loadDraft,
  matchQueryOf,
  saveDraft,
  serverFieldAlias,
  toCaller,
  toCreateBody,
  type IntakeValues,
} from './intake-form.js';
import { MatchesPanel } from './MatchesPanel.js';
import { SavedPanel } from './SavedPanel.js';
import './intake.css';

type Saved = { order: OrderView; kind: 'created' | 'attached'; endedAt: number };

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(id);
  }, [value, ms]);
  return v;
}

export default function IntakePage() {
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const { user } = useCurrent();
  const [form] = Form.useForm<IntakeValues>();
  const initial = useMemo(() => loadDraft(user.id), [user.id]);
  const [startedAt, setStartedAt] = useState(() => initial?.startedAt ?? Date.now());
  const [saved, setSaved] = useState<Saved | null>(null);
  const [restored, setRestored] = useState(() => !!initial && !isBlank(initial.values));
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [attachingId, setAttachingId] = useState<string | null>(null);
  const phoneRef = useRef<{ focus: () => void } | null>(null);
  const { value: catalog, error: catalogError, reload: reloadCatalog } = useCatalog();
  const { value: divisions, error: divisionsError } = useDivisions();

  const values = Form.useWatch((v: IntakeValues) => v, form) as IntakeValues | undefined;

  // Every change goes to localStorage at once: a reload or a crash in the middle of a call loses nothing.
  const onValuesChange = useCallback(
    (changed?: Partial<IntakeValues>) => {
    if (saved) return;
    // Only a consultation can be closed on the spot.
    if (changed?.typeCode && changed.typeCode !== 'consult' && form.getFieldValue('answeredOnSpot')) form.setFieldValue('answeredOnSpot', false);
    saveDraft(user.id, { values: form.getFieldsValue(true) as IntakeValues, startedAt });
    },
    [form, saved, startedAt, user.id],
  );

  // Intake hints follow what is typed, at most one request per pause in typing.
  const query = useMemo(() => matchQueryOf(values ?? {}), [values]);
  const queryKey = useDebounced(JSON.stringify(query), 400);
  const [matches, setMatches] = useState<IntakeMatches | null>(null);
  const [matchError, setMatchError] = useState<unknown>(null);
  const [matchLoading, setMatchLoading] = useState(false);
  const [matchNonce, setMatchNonce] = useState(0);
  useEffect(() => {
    const q = JSON.parse(queryKey) as ReturnType<typeof matchQueryOf>;
    if (!Object.keys(q).length) {
      setMatches(null);
      return;
    }
    const ctl = new AbortController();
    setMatchLoading(true);
    setMatchError(null);
    ordersApi
      .matches(q, ctl.signal)
      .then((m) => setMatches(m))
      .catch((e: unknown) => (e as { name?: string }).name !== 'AbortError' && setMatchError(e))
      .finally(() => !ctl.signal.aborted && setMatchLoading(false));
    return () => ctl.abort();
  }, [queryKey, matchNonce]);

  const focusPhone = () => window.setTimeout(() => phoneRef.current?.focus(), 0);

  const startNewCall = useCallback(() => {
    const reset = () => {
      clearDraft(user.id);
      form.resetFields();
      form.setFieldsValue(blankIntake());
      setSaved(null);
      setRestored(false);
      setProblems([]);
      setMatches(null);
      setStartedAt(Date.now());
      focusPhone();
    };
    if (!saved && !isBlank(form.getFieldsValue(true) as IntakeValues)) {
      modal.confirm({
        title: t('放弃当前未保存的受理内容？'),
        content: t('开始新来电会清空表单。'),
        okText: t('放弃并开始新来电'),
        okButtonProps: { danger: true },
        cancelText: t('继续填写'),
        onOk: reset,
      });
    } else reset();
  }, [form, modal, saved, t, user.id]);

  const submit = useCallback(async () => {
    if (saved || saving) return;
    setProblems([]);
    try {
      await form.validateFields();
    } catch {
      message.warning(t('请先补全标红的项目'));
      return;
    }
    setSaving(true);
    try {
      const order = await ordersApi.create(toCreateBody(form.getFieldsValue(true) as IntakeValues));
      clearDraft(user.id);
      setSaved({ order, kind: 'created', endedAt: Date.now() });
      message.success(t('已生成工单 {number}', { number: order.number }));
    } catch (e) {
      const rest = applyServerErrors(form, e, serverFieldAlias);
      setProblems(rest);
      message.error(e instanceof ApiError && e.code === 'VALIDATION_FAILED' ? t('有项目未通过校验，请按提示修改') : (e as Error).message);
    } finally {
      setSaving(false);
    }
  }, [form, message, saved, saving, t, user.id]);

  const attach = useCallback(
    async (o: OrderSummary) => {
      try {
        await form.validateFields([
          ['callers', 0, 'name'],
          ['callers', 0, 'phone'],
        ]);
      } catch {
        message.warning(t('追加前请先填写来电人姓名和电话'));
        return;
      }
      const v = form.getFieldsValue(true) as IntakeValues;
      setAttachingId(o.id);
      try {
        const order = await ordersApi.attachCaller(o.id, {
          version: o.version,
          caller: toCaller(v.callers[0] ?? {}),
          channel: v.channel,
          ...(v.riskFlags.length ? { riskFlags: v.riskFlags } : {}),
          ...(typeof v.workersInvolved === 'number' ? { workersInvolved: v.workersInvolved } : {}),
          ...(typeof v.amountInvolved === 'number' ? { amountInvolved: v.amountInvolved } : {}),
          ...(v.narrative?.trim() ? { note: v.narrative.trim().slice(0, 1000) } : {}),
        });
        clearDraft(user.id);
        setSaved({ order, kind: 'attached', endedAt: Date.now() });
        message.success(t('来电人已追加到工单 {number}', { number: order.number }));
      } catch (e) {
        if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') {
          message.warning(t('该工单刚被他人修改，已刷新提示，请再试一次'));
          setMatchNonce((n) => n + 1);
        } else {
          setProblems(applyServerErrors(form, e, { caller: ['callers', 0, 'name'], 'caller.name': ['callers', 0, 'name'], 'caller.phone': ['callers', 0, 'phone'] }));
          message.error((e as Error).message);
        }
      } finally {
        setAttachingId(null);
      }
    },
    [form, message, t, user.id],
  );

  // Ctrl+Enter saves from any field, Alt+N starts the next call: the hands stay on the keyboard.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        void submit();
      } else if (e.altKey && (e.code === 'KeyN' || e.key.toLowerCase() === 'n')) {
        e.preventDefault();
        startNewCall();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [submit, startNewCall]);

  const typeCode = values?.typeCode;
  const subjectOptions = useMemo((): SelectProps['options'] => {
    const active = (catalog?.subjects ?? []).filter((s) => s.active);
    const name = (s: { nameZh: string; nameEn: string }) => (lang === 'en' ? s.nameEn : s.nameZh);
    const usual = active.filter((s) => typeCode && s.usualTypes.includes(typeCode));
    const other = active.filter((s) => !usual.includes(s));
    const opt = (s: (typeof active)[number]) => ({ value: s.code, label: name(s), title: s.description });
    return usual.length
      ? [
          { label: t('常见'), options: usual.map(opt) },
          { label: t('其他'), options: other.map(opt) },
        ]
      : active.map(opt);
  }, [catalog, typeCode, lang, t]);

  const divisionOptions = useMemo(
    () =>
      (divisions?.children ?? []).map((c) => ({
        value: c.code,
        label: c.name,
        children: c.children.map((d) => ({ value: d.code, label: d.zone ? `${d.name}（开发区）` : d.name })),
      })),
    [divisions],
  );

  const riskFlags = values?.riskFlags ?? [];
  const applyFlag = (flag: string) => {
    const next = [...new Set([...(form.getFieldValue('riskFlags') as string[]), flag])];
    form.setFieldValue('riskFlags', next);
    onValuesChange();
  };

  if (saved) {
    return <SavedPanel order={saved.order} kind={saved.kind} startedAt={startedAt} endedAt={saved.endedAt} onNext={startNewCall} />;
  }

  return (
    <div className="intake">
      <Card
        className="intake-main"
        size="small"
        title={
          <Space size={16}>
            <PhoneOutlined />
            <span>{t('受理台')}</span>
            <CallTimer startedAt={startedAt} />
          </Space>
        }
        extra={
          <Space>
            <Tooltip title="Alt+N">
              <Button onClick={startNewCall}>{t('新来电')} (Alt+N)</Button>
            </Tooltip>
            <Tooltip title="Ctrl+Enter">
              <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={() => void submit()}>
                {values?.answeredOnSpot ? t('保存并办结') : t('保存工单')} (Ctrl+Enter)
              </Button>
            </Tooltip>
          </Space>
        }
      >
        {restored && <Alert type="info" showIcon closable={{ onClose: () => setRestored(false) }} style={{ marginBottom: 8 }} title={t('已恢复上次未保存的受理内容')} />}
        {(catalogError != null || divisionsError != null) && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 8 }}
            title={t('分类目录或行政区划加载失败')}
            action={<Button size="small" onClick={reloadCatalog}>{t('重试')}</Button>}
          />
        )}
        {problems.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={problems.join('；')} />}
        <Form<IntakeValues>
          form={form}
          layout="vertical"
          size="middle"
          initialValues={initial?.values ?? emptyIntake()}
          onValuesChange={onValuesChange}
          requiredMark
          className="intake-form"
          scrollToFirstError
        >
          <Form.List name="callers">
            {(fields, { add, remove }) => (
              <>
                <div className="intake-section-title">
                  {t('来电人')}
                  <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => add({ relation: 'colleague' })}>
                    {t('增加来电人')}
                  </Button>
                </div>
                {fields.map((field, i) => (
                  <Row gutter={10} key={field.key}>
                    <Col span={5}>
                      <Form.Item name={[field.name, 'phone']} label={i === 0 ? t('来电号码') : t('电话')} rules={[rules.phone(t)]}>
                        <Input
                          ref={i === 0 ? (el) => void (phoneRef.current = el) : undefined}
                          autoFocus={i === 0}
                          inputMode="tel"
                          placeholder={t('手机或固话')}
                          allowClear
                        />
                      </Form.Item>
                    </Col>
                    <Col span={5}>
                      <Form.Item name={[field.name, 'name']} label={t('姓名')} rules={[rules.required(t, '来电人姓名'), rules.max(t, '来电人姓名', 40)]}>
                        <Input placeholder={t('可填“张先生”')} />
                      </Form.Item>
                    </Col>
                    <Col span={3}>
                      <Form.Item name={[field.name, 'relation']} label={t('与当事人关系')}>
                        <Select options={Object.entries(relationLabels).map(([value, label]) => ({ value, label: t(label) }))} />
                      </Form.Item>
                    </Col>
                    <Col span={7}>
                      <Form.Item name={[field.name, 'idNumber']} label={t('身份证号（可选）')} rules={[rules.idNumber(t)]}>
                        <Input maxLength={18} />
                      </Form.Item>
                    </Col>
                    {i > 0 && (
                      <Col span={4}>
                        <Form.Item label=" ">
                          <Button icon={<MinusCircleOutlined />} onClick={() => remove(field.name)}>
                            {t('删除')}
                          </Button>
                        </Form.Item>
                      </Col>
                    )}
                  </Row>
                ))}
              </>
            )}
          </Form.List>
          <div className="intake-section-title">{t('诉求')}</div>
          <Row gutter={10}>
            <Col span={4}>
              <Form.Item name="channel" label={t('来源渠道')}>
                <Select options={channels.map((c) => ({ value: c, label: t(channelLabels[c] ?? c) }))} />
              </Form.Item>
            </Col>
            <Col span={7}>
              <Form.Item name="typeCode" label={t('诉求类型')} rules={[rules.requiredChoice(t, '诉求类型')]}>
                <Radio.Group optionType="button" buttonStyle="solid">
                  {(catalog?.types ?? [])
                    .filter((x) => x.active)
                    .map((x) => (
                      <Tooltip key={x.code} title={x.description}>
                        <Radio.Button value={x.code}>{lang === 'en' ? x.nameEn : x.nameZh}</Radio.Button>
                      </Tooltip>
                    ))}
                </Radio.Group>
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="subjectCode" label={t('诉求事项')} rules={[rules.requiredChoice(t, '诉求事项')]}>
                <Select showSearch={{ optionFilterProp: 'label' }} options={subjectOptions} placeholder={t('输入关键字搜索，如“欠薪”')} loading={!catalog} />
              </Form.Item>
            </Col>
            <Col span={7}>
              <Form.Item name="title" label={t('标题（可选）')} tooltip={t('不填则取诉求内容的前 30 字')} rules={[rules.max(t, '标题', 60)]}>
                <Input maxLength={60} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="narrative" label={t('诉求内容')} rules={[rules.required(t, '诉求内容'), rules.max(t, '诉求内容', 5000)]}>
            {/* Counted, not cut: a pasted account over the limit stays whole and is marked, so the agent decides what to drop. */}
            <Input.TextArea
              autoSize={{ minRows: 3, maxRows: 8 }}
              placeholder={t('来电人反映的情况：什么时间、什么事、涉及谁、诉求是什么')}
              count={{ max: 5000, show: ({ count, maxLength }) => (count > 4500 ? `${count} / ${maxLength}` : null) }}
            />
          </Form.Item>
          <Row gutter={10}>
            <Col span={6}>
              <Form.Item name="division" label={t('所在地区（按属地派单）')}>
                <Cascader
                  options={divisionOptions}
                  changeOnSelect
                  showSearch
                  placeholder={divisions ? t('选择或输入“新城区”') : t('行政区划加载中…')}
                  expandTrigger="hover"
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="placeText" label={t('详细地点')} rules={[rules.max(t, '地点', 200)]}>
                <Input placeholder={t('街道、小区、工地名称等')} />
              </Form.Item>
            </Col>
            <Col span={7}>
              <Form.Item name="employerName" label={t('用人单位')} rules={[rules.max(t, '用人单位名称', 100)]}>
                <Input placeholder={t('单位全称或常用名称')} allowClear />
              </Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item name="creditCode" label={t('统一社会信用代码')} rules={[rules.creditCode(t)]}>
                <Input maxLength={18} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={10}>
            <Col span={4}>
              <Form.Item
                name="workersInvolved"
                label={t('涉及人数')}
                rules={[{ type: 'integer', min: 1, max: 100000, message: t('人数应为 1–100000 的整数') }]}
              >
                <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item name="amountInvolved" label={t('涉及金额（元）')} rules={[{ type: 'number', min: 0, max: 1e11, message: t('金额应为 0 到 1000 亿之间') }]}>
                <InputNumber<number> min={0} max={1e11} precision={2} style={{ width: '100%' }} formatter={(v) => (v === undefined || v === null ? '' : `${v}`.replace(/\B(?=(\d{3})+(?!\d))/g, ','))} parser={(s) => Number((s ?? '').replace(/[,\s]/g, ''))} />
              </Form.Item>
            </Col>
            <Col span={15}>
              <Form.Item name="employerAddress" label={t('用人单位地址')} rules={[rules.max(t, '用人单位地址', 200)]}>
                <Input />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="riskFlags" label={t('风险标识（危众多大隐，任一标识都可能启动应急机制）')}>
            <Checkbox.Group className="risk-flags">
              {(catalog?.riskFlags ?? [])
                .filter((f) => f.active)
                .map((f) => (
                  <Checkbox key={f.code} value={f.code} className="risk-flag">
                    <strong>{lang === 'en' ? f.nameEn : f.nameZh}</strong>
                    <span className="risk-flag-desc">{f.description}</span>
                  </Checkbox>
                ))}
            </Checkbox.Group>
          </Form.Item>
          {riskFlags.length > 0 && values?.priority === 'normal' && (
            <Alert type="warning" showIcon style={{ marginBottom: 10 }} title={t('已标记风险，请考虑把紧急程度设为“紧急”或“重大”（应急机制）')} />
          )}
          <Row gutter={10}>
            <Col span={7}>
              <Form.Item name="priority" label={t('紧急程度')}>
                <Radio.Group optionType="button" buttonStyle="solid" options={Object.entries(priorityLabels).map(([value, label]) => ({ value, label: t(label) }))} />
              </Form.Item>
            </Col>
            <Col span={7}>
              <Form.Item name="tier" label={t('难度')}>
                <Radio.Group optionType="button" options={Object.entries(tierLabels).map(([value, label]) => ({ value, label: t(label) }))} />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item name="confidential" label={t('身份保密（对承办单位隐藏姓名、电话、身份证号）')} valuePropName="checked">
                <Switch checkedChildren={t('保密')} unCheckedChildren={t('不保密')} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="answeredOnSpot" valuePropName="checked" style={{ marginBottom: 6 }}>
            <Checkbox disabled={typeCode !== undefined && typeCode !== 'consult'}>
              <strong>{t('当场答复，办结咨询')}</strong>{' '}
              <Typography.Text type="secondary">{t('（一次性解答：不派单，工单直接办结）')}</Typography.Text>
            </Checkbox>
          </Form.Item>
          {values?.answeredOnSpot && (
            <Form.Item name="answer" label={t('答复内容')} rules={[rules.required(t, '当场答复内容'), rules.max(t, '当场答复内容', 5000)]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder={t('告知来电人的政策、办理程序或去处')} />
            </Form.Item>
          )}
        </Form>
      </Card>
      <div className="intake-side">
        <MatchesPanel
          matches={matches}
          loading={matchLoading}
          error={matchError}
          riskFlags={riskFlags}
          onApplyFlag={applyFlag}
          onAttach={(o) => void attach(o)}
          attachingId={attachingId}
          hasQuery={Object.keys(query).length > 0}
        />
        <div className="shortcut-help muted small">
          <div>
            <kbd>Ctrl</kbd>+<kbd>Enter</kbd> {t('保存')} · <kbd>Alt</kbd>+<kbd>N</kbd> {t('新来电')}
          </div>
          <div>{t('表单内容自动保存在本机，刷新页面不会丢失')}</div>
        </div>
      </div>
    </div>
  );
}
