import { App, Input } from 'antd';
import { useI18n } from '../../i18n/i18n.js';

/** Asks for one line of text (a reason, a card number) and resolves with it, or null when cancelled. */
export function useAsk() {
  const { modal } = App.useApp();
  const { t } = useI18n();
  return (title: string, label: string, required: boolean) =>
    new Promise<string | null>((resolve) => {
      let value = '';
      modal.confirm({
        title: t(title),
        icon: null,
        content: <Input aria-label={t(label)} placeholder={t(label)} onChange={(e) => (value = e.target.value)} />,
        okText: t('确定'),
        cancelText: t('取消'),
        onOk: () => {
          if (required && !value.trim()) return Promise.reject(new Error(t('请填写{x}', { x: t(label) })));
          resolve(value.trim());
          return undefined;
        },
        onCancel: () => resolve(null),
      });
    });
}
