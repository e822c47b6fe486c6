import { Col, Form, Input, Radio, Row, Select, type SelectProps, Tooltip } from 'antd';
import { useMemo } from 'react';
import { type Catalog, channels } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { channelLabels } from '../shared/labels.js';
import { rules } from '../shared/validation.js';
import { subjectMatches } from './pickers.js';

/** What the caller wants: channel, type and subject from the catalog, an optional title, the narrative. */
export function ClaimFields({ catalog, typeCode }: { catalog: Catalog | null; typeCode: string | undefined }) {
  const { t, lang } = useI18n();
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

  return (
    <>
      <div className="intake-section-title">{t('诉求')}</div>
      <Row gutter={10}>
        <Col xs={24} sm={12} lg={4}>
          <Form.Item name="channel" label={t('来源渠道')}>
            <Select options={channels.map((c) => ({ value: c, label: t(channelLabels[c] ?? c) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={7}>
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
        <Col xs={24} sm={12} lg={6}>
          <Form.Item name="subjectCode" label={t('诉求事项')} rules={[rules.requiredChoice(t, '诉求事项')]}>
            <Select showSearch={{ filterOption: subjectMatches }} options={subjectOptions} placeholder={t('输入关键字搜索，如“欠薪”')} loading={!catalog} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={7}>
          <Form.Item name="title" label={t('标题（可选）')} tooltip={t('不填则取诉求内容的前 30 字')} rules={[rules.max(t, '标题', 60)]}>
            {/* Counted, not cut (as the narrative below): a longer title pasted stays whole and is marked. */}
            <Input count={{ max: 60, show: ({ count, maxLength }) => (count > 50 ? `${count} / ${maxLength}` : null) }} />
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
    </>
  );
}
