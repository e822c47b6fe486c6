import { App, Button, Card, Cascader, DatePicker, Form, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { divisionOptionsOf, subjectMatches } from '../../intake/pickers.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCatalog, useDivisions } from '../../shared/reference.js';
import { rules } from '../../shared/validation.js';
import { FormProblems, useFormSubmit } from '../../shell/form-submit.js';
import { analyticsApi } from '../api.js';
import { campaignBody, type CampaignFormValues } from './campaign-rules.js';

/**
 * 新建专项行动: a name, a period and rules picked by name — subjects, types and flags from the catalog, places from the
 * province's divisions (the intake's cascader), title keywords as tags. Fields are named as the request names them
 * (rules.subjectCodes …), so the server's refusals land under the picker they are about.
 */
export function CampaignForm({ onCreated }: { onCreated: () => void | Promise<void> }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CampaignFormValues>();
  const { busy, problems, run } = useFormSubmit(form);
  const { value: catalog } = useCatalog();
  const { value: divisions } = useDivisions();
  const regionOptions = useMemo(() => divisionOptionsOf(divisions), [divisions]);
  const named = (list: { code: string; nameZh: string; nameEn: string; active: boolean }[] | undefined) =>
    (list ?? []).filter((x) => x.active).map((x) => ({ value: x.code, label: lang === 'en' ? x.nameEn : x.nameZh }));

  const create = (v: CampaignFormValues) =>
    run(async () => {
      const body = campaignBody(v);
      // The server refuses a campaign without rules (CAMPAIGN_RULES_EMPTY): said here, before anything is sent.
      if (Object.values(body.rules).every((list) => list.length === 0)) throw new Error(t('请至少设置一条规则（诉求事项、类型、风险标识、地区或关键词）'));
      await analyticsApi.createCampaign(body);
      form.resetFields();
      message.success(t('专项行动已创建'));
      await onCreated();
    });

  return (
    <Card size="small" title={t('新建专项行动')}>
      <FormProblems problems={problems} />
      <Form form={form} name="campaign" layout="vertical" onFinish={(v) => void create(v)} disabled={busy}>
        <Form.Item name="name" label={t('名称')} rules={[rules.required(t, '专项行动名称'), rules.max(t, '专项行动名称', 60)]}>
          <Input placeholder={t('如：冬季根治欠薪专项行动')} />
        </Form.Item>
        <Form.Item name="range" label={t('期间')} rules={[{ required: true, message: t('请选择期间') }]}>
          <DatePicker.RangePicker defaultPickerValue={[dayjs().startOf('month'), dayjs()]} />
        </Form.Item>
        <Form.Item name={['rules', 'subjectCodes']} label={t('诉求事项')}>
          <Select
            mode="multiple"
            showSearch={{ filterOption: subjectMatches }}
            options={named(catalog?.subjects)}
            placeholder={t('输入关键字搜索，如“欠薪”')}
            loading={!catalog}
          />
        </Form.Item>
        <Form.Item name={['rules', 'typeCodes']} label={t('诉求类型')}>
          <Select mode="multiple" options={named(catalog?.types)} loading={!catalog} />
        </Form.Item>
        <Form.Item name={['rules', 'riskFlags']} label={t('风险标识')}>
          <Select mode="multiple" options={named(catalog?.riskFlags)} loading={!catalog} />
        </Form.Item>
        <Form.Item name={['rules', 'divisionPrefixes']} label={t('地区')} extra={t('选市盟即含其下各旗县区')}>
          <Cascader
            multiple
            showSearch
            options={regionOptions}
            showCheckedStrategy={Cascader.SHOW_PARENT}
            maxTagCount="responsive"
            placeholder={divisions ? t('选择或输入“新城区”') : t('行政区划加载中…')}
          />
        </Form.Item>
        <Form.Item name={['rules', 'keywords']} label={t('标题关键词')} extra={t('输入后按回车；标题含任一关键词的工单计入')}>
          <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} placeholder={t('欠薪，工资')} />
        </Form.Item>
        <div className="muted small" style={{ marginBottom: 8 }}>
          {t('规则之间为“且”，同一规则中的多项为“或”；至少设置一条规则')}
        </div>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('创建')}
        </Button>
      </Form>
    </Card>
  );
}
