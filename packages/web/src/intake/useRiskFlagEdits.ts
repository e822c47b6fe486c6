import type { FormInstance } from 'antd';
import type { ClearedRiskFlag, IntakeValues } from './intake-form.js';

/**
 * The hints panel's edits of the risk flags: a suggested flag ticked, a threshold flag cleared with its reason, a
 * clearing undone. Each is a change of the form like a keystroke (`changed`: the draft is saved).
 */
export function useRiskFlagEdits(form: FormInstance<IntakeValues>, clearedWatched: ClearedRiskFlag[] | undefined, changed: () => void) {
  const clearedFlags = clearedWatched ?? [];
  const applyFlag = (flag: string) => {
    form.setFieldValue('riskFlags', [...new Set([...(form.getFieldValue('riskFlags') as string[]), flag])]);
    changed();
  };
  // Clearing a threshold flag unticks it too, and is sent with its reason; the server records both on the timeline.
  const clearFlag = (c: ClearedRiskFlag) => {
    form.setFieldsValue({
      riskFlags: (form.getFieldValue('riskFlags') as string[]).filter((f) => f !== c.flag),
      clearedRiskFlags: [...clearedFlags.filter((x) => x.flag !== c.flag), c],
    });
    changed();
  };
  const restoreFlag = (flag: string) => {
    form.setFieldValue(
      'clearedRiskFlags',
      clearedFlags.filter((x) => x.flag !== flag),
    );
    changed();
  };
  return { clearedFlags, applyFlag, clearFlag, restoreFlag };
}
