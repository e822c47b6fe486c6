import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/i18n.js';
import { answerText } from './answer-text.js';

const zh = (text: string, vars?: Record<string, string | number>) => translate('zh', text, vars);
const en = (text: string, vars?: Record<string, string | number>) => translate('en', text, vars);

describe('an answer from a knowledge article', () => {
  const cited = '依据知识库《工资应当按月足额支付》（《劳动法》第五十条、《工资支付暂行规定》第七条）答复：\n工资应当以货币形式按月支付给劳动者本人。';
  const plain = '依据知识库《最低工资标准》答复：\n各地最低工资标准由省级政府公布。';

  it('keeps the Chinese as the server wrote it', () => {
    expect(answerText(cited, zh)).toBe(cited);
    expect(answerText(plain, zh)).toBe(plain);
  });

  it('says its head in English; the title, the citations and the text are the article’s own', () => {
    expect(answerText(cited, en)).toBe(
      'Answered from the knowledge base, “工资应当按月足额支付” (《劳动法》第五十条、《工资支付暂行规定》第七条):\n工资应当以货币形式按月支付给劳动者本人。',
    );
    expect(answerText(plain, en)).toBe('Answered from the knowledge base, “最低工资标准”:\n各地最低工资标准由省级政府公布。');
  });

  it('shows any other answer as it is', () => expect(answerText('已告知来电人申请劳动仲裁的途径。', en)).toBe('已告知来电人申请劳动仲裁的途径。'));
});
