import { App, Segmented } from 'antd';
import { useI18n } from '../../i18n/i18n.js';
import { useLoad } from '../../shell/use-load.js';

/**
 * A union list filtered by state (membership applications, group drafts): its items for the chosen state, and `act`,
 * which runs one change, says so and reloads, or shows the server's message.
 */
export function useUnionList<S, I>(state: S, load: (state: S) => Promise<{ items: I[] }>) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { data, error, reload } = useLoad(() => load(state), [state]);
  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      void message.success(t(done));
      reload();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return { items: data?.items ?? null, error, reload, act };
}

/** The states to filter by, above the table. */
export function StateFilter<S extends string>({ value, onChange, options }: { value: S; onChange: (s: S) => void; options: { value: S; label: string }[] }) {
  const { t } = useI18n();
  return (
    <Segmented
      value={value}
      onChange={(v) => onChange(v as S)}
      options={options.map((o) => ({ value: o.value, label: t(o.label) }))}
      style={{ marginBottom: 12 }}
    />
  );
}
