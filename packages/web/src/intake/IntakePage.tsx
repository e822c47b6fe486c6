import { App, Card, Form } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { rememberHome, useCurrent } from '../auth/session.js';
import { useT } from '../i18n/i18n.js';
import { useCatalog, useDivisions } from '../shared/reference.js';
import { CallerFields } from './CallerFields.js';
import { ClaimFields } from './ClaimFields.js';
import { IntakeButtons, IntakeTitle, ShortcutHelp } from './IntakeHeader.js';
import { blankIntake, type ClearedRiskFlag, clearDraft, emptyIntake, type IntakeValues, isBlank, loadDraft, newCallKey, saveDraft } from './intake-form.js';
import { IntakeSide } from './IntakeSide.js';
import { MatchesPanel } from './MatchesPanel.js';
import { PlaceFields } from './PlaceFields.js';
import { RiskFields } from './RiskFields.js';
import { SavedPanel } from './SavedPanel.js';
import { intelligenceApi } from '../api/intelligence.js';
import type { OrderView } from '../api/types.js';
import { SuggestionsPanel } from './SuggestionsPanel.js';
import { hasSuggestion, suggestedValues, suggestionFields, valuesFor, type SuggestionField } from './suggestions.js';
import { useReading } from './useReading.js';
import { useIntakeMatches } from './useIntakeMatches.js';
import { useIntakeSave } from './useIntakeSave.js';
import { knowledgeApi, type ArticleHit } from '../api/knowledge.js';
import { KnowledgeSuggestions } from '../knowledge/KnowledgeSuggestions.js';
import { useArticleSuggestions } from '../knowledge/useArticleSuggestions.js';
import { OnDutyLawyers } from '../legal/OnDutyLawyers.js';
import { callsApi, type ScreenPop } from '../api/calls.js';
import { loadActiveCall, saveActiveCall } from '../calls/use-screen-pop.js';
import { IntakeNotices } from './IntakeNotices.js';
import { useIncomingCall, useIntakeShortcuts } from './useIntakeShortcuts.js';
import { useRiskFlagEdits } from './useRiskFlagEdits.js';
import './intake.css';

/**
 * The intake console: the form on the left (callers, claim, place, risk), the hints on the right. This component only
 * composes them and owns the call's lifetime (draft, timer, shortcuts); each section is its own component.
 */
export default function IntakePage() {
  const t = useT();
  const { modal, message } = App.useApp();
  const { user, role } = useCurrent();
  // Taking calls is this person's work again: they start here next time.
  useEffect(() => rememberHome(user.id, role, '/intake'), [user.id, role]);
  const [form] = Form.useForm<IntakeValues>();
  const initial = useMemo(() => loadDraft(user.id), [user.id]);
  const [startedAt, setStartedAt] = useState<number | null>(() => initial?.startedAt ?? null);
  const [callKey, setCallKey] = useState(() => initial?.callKey ?? newCallKey());
  const [restored, setRestored] = useState(() => !!initial && !isBlank(initial.values));
  const phoneRef = useRef<{ focus: () => void } | null>(null);
  const { value: catalog, error: catalogError, reload: reloadCatalog } = useCatalog();
  const { value: divisions, error: divisionsError } = useDivisions();

  const values = Form.useWatch((v: IntakeValues) => v, form) as IntakeValues | undefined;
  // Not a field of its own (set from the hints panel): watched with `preserve` so clearing a flag re-renders.
  const clearedWatched = Form.useWatch('clearedRiskFlags', { form, preserve: true }) as ClearedRiskFlag[] | undefined;
  const hints = useIntakeMatches(values);
  const clearHints = hints.clear;
  // Suggestions read from the narrative; what was suggested is recorded against the saved order (accepted vs changed).
  // The caller's known place: the county (or city) of their latest earlier order, to settle a shared county name.
  const region = hints.matches?.callerOrders.find((o) => o.divisionCode)?.divisionCode?.slice(0, 6);
  const reading = useReading(values?.narrative, values?.channel, region);
  const clearReading = reading.clear;
  const onCreated = useCallback(
    (order: OrderView) => {
      const r = reading.reading;
      if (!r) return;
      const shown = new Set(suggestionFields.filter((f) => hasSuggestion(r, f)));
      void intelligenceApi.recordOutcome({ orderId: order.id, modelVersion: r.modelVersion, suggested: suggestedValues(r, shown) }).catch(() => undefined);
    },
    [reading.reading],
  );
  // The call the telephony system put through (screen pop): the order saved on it is linked to it.
  const [call, setCall] = useState<ScreenPop | null>(() => loadActiveCall(user.id));
  const onSaved = useCallback(
    (order: OrderView) => {
      if (!call) return;
      callsApi.linkOrder(call.callId, order.id).catch(() => message.warning(t('工单已保存，但未能关联到来电记录')));
    },
    [call, message, t],
  );
  const { saved, problems, saving, attachingId, submit, attach, reset } = useIntakeSave(form, user.id, callKey, hints.refresh, onCreated, onSaved);
  const division = values?.division?.[values.division.length - 1];
  const articles = useArticleSuggestions(values?.narrative, division, values?.subjectCode);

  // One click on a suggested article: the consultation is saved, then answered with it and closed on the spot.
  const answerWith = (hit: ArticleHit) => {
    form.setFieldValue('answeredOnSpot', false);
    void submit((order) => knowledgeApi.answer(order.id, { articleId: hit.articleId, version: order.version }));
  };

  // Every change goes to localStorage at once: a reload or a crash in the middle of a call loses nothing.
  const onValuesChange = useCallback(
    (changed?: Partial<IntakeValues>) => {
      if (saved) return;
      // The first keystroke starts the call's clock when the agent did not press the button.
      const started = startedAt ?? Date.now();
      if (startedAt === null) setStartedAt(started);
      // Only a consultation can be closed on the spot.
      if (changed?.typeCode && changed.typeCode !== 'consult' && form.getFieldValue('answeredOnSpot')) form.setFieldValue('answeredOnSpot', false);
      saveDraft(user.id, { values: form.getFieldsValue(true) as IntakeValues, startedAt: started, callKey });
    },
    [callKey, form, saved, startedAt, user.id],
  );

  // A returning caller: the name they gave last time fills an empty name field (the agent confirms it on the call).
  const knownName = hints.matches?.knownCaller?.name;
  useEffect(() => {
    if (!knownName || saved) return;
    const current = form.getFieldValue(['callers', 0, 'name']) as string | undefined;
    if (!current?.trim()) form.setFieldValue(['callers', 0, 'name'], knownName);
  }, [form, knownName, saved]);

  const startNewCall = useCallback(
    (pop?: ScreenPop) => {
      const clear = () => {
        clearDraft(user.id);
        form.resetFields();
        form.setFieldsValue(blankIntake());
        reset();
        setRestored(false);
        clearHints();
        clearReading();
        // Pressing "new call" is answering it: its clock starts now, under a new idempotency key.
        setStartedAt(Date.now());
        setCallKey(newCallKey());
        setCall(pop ?? null);
        saveActiveCall(user.id, pop ?? null);
        // A popped call brings its number: the hints find the caller's earlier orders by it.
        if (pop?.caller) form.setFieldValue(['callers', 0, 'phone'], pop.caller);
        window.setTimeout(() => (pop ? undefined : phoneRef.current?.focus()), 0);
      };
      if (!saved && !isBlank(form.getFieldsValue(true) as IntakeValues)) {
        modal.confirm({
          title: t('放弃当前未保存的受理内容？'),
          content: t('开始新来电会清空表单。'),
          okText: t('放弃并开始新来电'),
          okButtonProps: { danger: true },
          cancelText: t('继续填写'),
          onOk: clear,
        });
      } else clear();
    },
    [form, clearHints, clearReading, modal, reset, saved, t, user.id],
  );

  useIncomingCall(startNewCall);

  useIntakeShortcuts(submit, startNewCall);

  const acceptSuggestions = (fields: SuggestionField[]) => {
    const r = reading.reading;
    if (!r) return;
    let patch: Partial<IntakeValues> = {};
    for (const f of fields) patch = { ...patch, ...valuesFor(r, f, { ...(form.getFieldsValue(true) as IntakeValues), ...patch }, divisions) };
    form.setFieldsValue(patch);
    onValuesChange();
  };

  const { clearedFlags, applyFlag, clearFlag, restoreFlag } = useRiskFlagEdits(form, clearedWatched, onValuesChange);

  if (saved) {
    return <SavedPanel order={saved.order} kind={saved.kind} startedAt={startedAt ?? saved.endedAt} endedAt={saved.endedAt} onNext={() => startNewCall()} />;
  }

  return (
    <div className="intake">
      <Card
        className="intake-main"
        size="small"
        title={<IntakeTitle startedAt={startedAt} onStart={() => setStartedAt(Date.now())} />}
        extra={<IntakeButtons saving={saving} closesOnSpot={!!values?.answeredOnSpot} onNew={() => startNewCall()} onSave={() => void submit()} />}
      >
        <OnDutyLawyers callId={call?.callId ?? null} />
        <IntakeNotices
          call={call}
          restored={restored}
          onDismissRestored={() => setRestored(false)}
          referenceFailed={catalogError != null || divisionsError != null}
          onRetryReference={reloadCatalog}
          problems={problems}
        />
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
          <CallerFields phoneRef={phoneRef} />
          <ClaimFields catalog={catalog} typeCode={values?.typeCode} />
          <PlaceFields divisions={divisions} />
          <RiskFields catalog={catalog} values={values} />
        </Form>
      </Card>
      <IntakeSide
        hints={
          <MatchesPanel
            matches={hints.matches}
            loading={hints.loading}
            error={hints.error}
            riskFlags={values?.riskFlags ?? []}
            cleared={clearedFlags}
            onApplyFlag={applyFlag}
            onClearFlag={clearFlag}
            onRestoreFlag={restoreFlag}
            onAttach={(o) => void attach(o)}
            attachingId={attachingId}
            hasQuery={hints.hasQuery}
          />
        }
        knowledge={
          <KnowledgeSuggestions
            items={articles.items}
            status={articles.status}
            canAnswer={values?.typeCode === 'consult'}
            busy={saving}
            onAnswer={answerWith}
          />
        }
        reading={<SuggestionsPanel reading={reading.reading} loading={reading.loading} values={values} catalog={catalog} onAccept={acceptSuggestions} />}
        footer={<ShortcutHelp />}
      />
    </div>
  );
}
