import type { T } from '../i18n/i18n.js';

/**
 * An answer the server wrote from a knowledge article (knowledge/answer.service.ts): "依据知识库《标题》（依据）答复：",
 * a line break, then the article's text. Its head in the interface language; the title, the citations and the text are
 * the article's own and stay as written. Any other answer is shown as it is.
 */
export function answerText(answer: string, t: T): string {
  const m = /^依据知识库《(.+?)》(?:（(.*?)）)?答复：\n/s.exec(answer);
  if (!m) return answer;
  const [, title, cited] = m;
  const head = cited ? t('依据知识库《{title}》（{cited}）答复：', { title: title!, cited }) : t('依据知识库《{title}》答复：', { title: title! });
  return `${head}\n${answer.slice(m[0].length)}`;
}
