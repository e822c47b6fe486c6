import { Alert, App, type FormInstance } from 'antd';
import { useState } from 'react';
import { applyServerErrors, refusalToast } from '../api/form-errors.js';
import { useT } from '../i18n/i18n.js';
import { joinList } from '../i18n/lists.js';

/**
 * A dialog form's submission: busy while it runs; when the server refuses, its per-field messages go on the fields,
 * the rest above the form (`problems`), and its message in a toast. `onError` sees the error first (a version
 * conflict's hint). Resolves true when the change went through.
 */
export function useFormSubmit(form: FormInstance, onError?: (e: unknown) => void) {
  const { message } = App.useApp();
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const run = async (send: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setProblems([]);
    try {
      await send();
      return true;
    } catch (e) {
      onError?.(e);
      const unplaced = applyServerErrors(form, e);
      setProblems(unplaced);
      message.error(refusalToast(e, unplaced, t));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, problems, run };
}

/** The server's messages that fit no field, above the form. */
export function FormProblems({ problems }: { problems: string[] }) {
  const t = useT();
  return problems.length > 0 ? <Alert type="error" showIcon style={{ marginBottom: 8 }} title={joinList(t, problems, '；')} /> : null;
}
