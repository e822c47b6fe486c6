import { Alert, Button, Form, type FormInstance, Input } from 'antd';
import { useState } from 'react';
import { applyServerErrors } from '../../api/form-errors.js';
import { useI18n } from '../../i18n/i18n.js';
import { joinList } from '../../i18n/lists.js';
import { counted } from '../../shared/counted.js';
import { rules } from '../../shared/validation.js';

/**
 * One submission of a public form (a request, a membership application): busy while it is sent, the server's
 * problems on their fields and in one line, and what came back once it went through. The tabs differ only in what
 * they send and how they thank the worker.
 */
export function usePublicSubmit<V, R>(form: FormInstance, send: (v: V) => Promise<R>) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<R | null>(null);
  const submit = async (v: V) => {
    setBusy(true);
    setProblem(null);
    try {
      setDone(await send(v));
    } catch (e) {
      setProblem(joinList(t, applyServerErrors(form, e), '；') || null);
    } finally {
      setBusy(false);
    }
  };
  return { busy, problem, done, submit };
}

/** The worker's name, asked first on every public form. */
export function NameField() {
  const { t } = useI18n();
  return (
    <Form.Item name="name" label={t('姓名')} rules={[{ required: true, whitespace: true, message: t('请填写姓名') }, rules.max(t, '姓名', 40)]}>
      <Input count={counted(40)} autoComplete="name" />
    </Form.Item>
  );
}

/** The place of the employer, free text the server reads into a division. */
export function PlaceField() {
  const { t } = useI18n();
  return (
    <Form.Item name="place" label={t('单位所在地')} rules={[rules.max(t, '单位所在地', 200)]}>
      <Input count={counted(200)} placeholder={t('例如：呼和浩特市新城区')} />
    </Form.Item>
  );
}

/** The server's problem in one line above a full-width send button. */
export function SubmitFooter({ problem, busy, label }: { problem: string | null; busy: boolean; label: string }) {
  return (
    <>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit" block size="large" loading={busy}>
        {label}
      </Button>
    </>
  );
}
