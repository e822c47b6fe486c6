import type { IvrNode } from '../../api/lawyers.js';

/** What each kind of voice-menu node does, as the editor names it. */
export const kindLabels: Record<IvrNode['kind'], string> = {
  menu: '菜单（按键选择）',
  queue: '转人工排队',
  lawyer: '转值班律师',
  message: '播报后挂机',
  voicemail: '留言',
  transfer: '转接外线',
};
