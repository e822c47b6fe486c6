import { Button, Card, Tag, Tooltip, Typography } from 'antd';
import type { Reading } from '../api/intelligence.js';
import type { Catalog } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { joinList } from '../i18n/lists.js';
import type { IntakeValues } from './intake-form.js';
import { agrees, hasSuggestion, riskEvidence, suggestionFields, type SuggestionField } from './suggestions.js';

const fieldLabels: Record<SuggestionField, string> = {
  type: '诉求类型',
  subject: '诉求事项',
  riskFlags: '风险标识',
  workers: '涉及人数',
  amountYuan: '涉及金额（元）',
  employer: '用人单位',
  place: '发生地',
};

/**
 * What the system read in the narrative, beside the form: each field marked 建议 until the form holds it (accepted
 * here, or typed the same), with the words that gave it. The agent decides; nothing is filled without a click.
 */
export function SuggestionsPanel(props: {
  reading: Reading | null;
  loading: boolean;
  values: Partial<IntakeValues> | undefined;
  catalog: Catalog | null;
  onAccept: (fields: SuggestionField[]) => void;
}) {
  const { t, lang } = useI18n();
  const { reading: r, values = {}, catalog } = props;
  if (!r) {
    return (
      <Card size="small" title={t('智能建议')} className="intake-suggestions" loading={props.loading}>
        <Typography.Text type="secondary">{t('输入诉求内容后，系统会给出类型、事项、风险等建议')}</Typography.Text>
      </Card>
    );
  }
  const name = (list: { code: string; nameZh: string; nameEn?: string }[] | undefined, code: string) => {
    const x = list?.find((i) => i.code === code);
    return x ? (lang === 'en' && x.nameEn ? x.nameEn : x.nameZh) : code;
  };
  const shown = suggestionFields.filter((f) => hasSuggestion(r, f));
  const pending = shown.filter((f) => !agrees(r, f, values));
  const show = (f: SuggestionField): string => {
    switch (f) {
      case 'type':
        return t('{name}（{percent}%）', { name: name(catalog?.types, r.type.code), percent: Math.round(r.type.confidence * 100) });
      case 'subject':
        return t('{name}（{percent}%）', { name: name(catalog?.subjects, r.subject.code), percent: Math.round(r.subject.confidence * 100) });
      case 'riskFlags':
        return (
          joinList(
            t,
            r.riskFlags.map((c) => name(catalog?.riskFlags, c)),
          ) + (r.urgent ? ` · ${t('紧急')}` : '')
        );
      case 'workers':
        return `${r.workers}`;
      case 'amountYuan':
        return `${r.amountYuan}`;
      case 'employer':
        return r.employer ?? '';
      case 'place':
        return (
          [r.place?.province, r.place?.city !== r.place?.province ? r.place?.city : null, r.place?.county].filter(Boolean).join(' ') +
          (r.suggestedUnit ? ` → ${r.suggestedUnit.name}` : '')
        );
    }
  };
  const evidence = (f: Exclude<SuggestionField, 'riskFlags'>): string[] => r.evidence[f];
  return (
    <Card
      size="small"
      className="intake-suggestions"
      data-testid="suggestions"
      title={
        // The model's version tells an agent nothing (the acceptance page reports per model): kept out of the panel,
        // in the title's tooltip for whoever needs to say which model read a request.
        <Tooltip title={`${t('{label}：', { label: t('模型版本') })}${r.modelVersion}`}>
          <span data-testid="suggestions-title">{t('智能建议')}</span>
        </Tooltip>
      }
      extra={
        <Button size="small" type="primary" disabled={!pending.length} onClick={() => props.onAccept(pending)} data-testid="accept-all">
          {t('全部采纳')}
        </Button>
      }
    >
      {shown.map((f) => {
        const ok = agrees(r, f, values);
        return (
          <div key={f} className="suggestion-row" data-testid={`suggestion-${f}`}>
            <div>
              <Typography.Text type="secondary">{t(fieldLabels[f])}</Typography.Text>{' '}
              {ok ? <Tag color="green">{t('已采纳')}</Tag> : <Tag color="blue">{t('建议')}</Tag>}
            </div>
            <div className="suggestion-value">
              <strong>{show(f)}</strong>
              {!ok && (
                <Button size="small" type="link" onClick={() => props.onAccept([f])}>
                  {t('采纳')}
                </Button>
              )}
            </div>
            {f === 'riskFlags' &&
              riskEvidence(r).map((e) => (
                <div key={e.flag} data-testid={`risk-evidence-${e.flag}`}>
                  <Typography.Text type="secondary" className="suggestion-evidence">
                    {name(catalog?.riskFlags, e.flag)}{' '}
                    {e.byModel !== null && (
                      <Tooltip title={t('文中没有预设的危险词，由模型从这些词推断，请核实后再采纳')}>
                        <Tag color="orange" data-testid="danger-by-model">
                          {t('模型推断 {p}%', { p: e.byModel })}
                        </Tag>
                      </Tooltip>
                    )}
                    {e.words.length > 0 && `${t('{label}：', { label: t('依据') })}${joinList(t, e.words)}`}
                    {e.byEmployer &&
                      `${t('{label}：', { label: t('依据') })}${t('{days}天内同一用人单位已有 {n} 件', { days: e.byEmployer.days, n: e.byEmployer.count })}`}
                  </Typography.Text>
                </div>
              ))}
            {f !== 'riskFlags' && evidence(f).length > 0 && (
              <Typography.Text type="secondary" className="suggestion-evidence">
                {t('{label}：', { label: t('依据') })}
                {joinList(t, evidence(f).slice(0, 5))}
              </Typography.Text>
            )}
          </div>
        );
      })}
      {r.related.suggestedGroup && (
        <Typography.Paragraph type="warning" style={{ marginTop: 8, marginBottom: 0 }} data-testid="suggested-group">
          {t('{label}：', { label: t('建议并入群体工单 {number}', { number: r.related.suggestedGroup.number }) })}
          {/* Said from the group's size (the related requests and this one), not the server's Chinese reason. */}
          {t('近30天内 {n} 件相关诉求（同一用人单位或内容相近），建议并入群体工单', { n: r.related.suggestedGroup.size - 1 })}
        </Typography.Paragraph>
      )}
      {r.related.similar.length > 0 && !r.related.suggestedGroup && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('{label}：', { label: t('近30天内容相近的诉求') })}
          {joinList(
            t,
            r.related.similar.slice(0, 3).map((o) => o.number),
          )}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
