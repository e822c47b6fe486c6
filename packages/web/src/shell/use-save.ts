import { App } from 'antd';
import { useState } from 'react';
import { isApiError } from '../api/client.js';

/**
 * One change sent from a dialog or a button: busy while it runs, a success line when it went through, the server's
 * message when it did not. Resolves true on success, so the caller closes the dialog and reloads only then.
 */
export function useSave() {
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const save = async (run: () => Promise<unknown>, success: string | ((r: unknown) => string)): Promise<boolean> => {
    setSaving(true);
    try {
      const r = await run();
      message.success(typeof success === 'string' ? success : success(r));
      return true;
    } catch (e) {
      message.error(isApiError(e) ? e.message : String(e));
      return false;
    } finally {
      setSaving(false);
    }
  };
  return { saving, save };
}
