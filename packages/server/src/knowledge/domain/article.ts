import type { Role } from '../../auth/roles.js';

/**
 * Knowledge-base articles: their kinds, the editorial workflow and what an agent may see. Pure: the service passes
 * the article's status, who saved the version, and today's date.
 */
export const articleKinds = ['law', 'local_policy', 'procedure', 'qa', 'script'] as const;
export type ArticleKind = (typeof articleKinds)[number];
export const articleKindNames: Record<ArticleKind, { zh: string; en: string }> = {
  law: { zh: '法律法规', en: 'Law or regulation' },
  local_policy: { zh: '地方政策', en: 'Local policy' },
  procedure: { zh: '办事指南', en: 'Procedure' },
  qa: { zh: '问答', en: 'Q&A' },
  script: { zh: '话术', en: 'Agent script' },
};

/**
 * draft → in_review → approved → published. Editing any version makes a new draft; a published version stays what
 * agents read until the next one is published. A rejected version goes back to draft.
 */
export const articleStatuses = ['draft', 'in_review', 'approved', 'published'] as const;
export type ArticleStatus = (typeof articleStatuses)[number];
export const articleStatusNames: Record<ArticleStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'draft' },
  in_review: { zh: '待审核', en: 'in review' },
  approved: { zh: '已审核待发布', en: 'approved, to be published' },
  published: { zh: '已发布', en: 'published' },
};

export const editorRoles: readonly Role[] = ['editor'];
export const isEditor = (role: Role) => editorRoles.includes(role);

export type ArticleAction = 'save' | 'submit' | 'approve' | 'reject' | 'publish';
/** A refusal's `english`: the message's English when it is composed of names (a status's, an action's). */
export type WorkflowDecision = { ok: true; next: ArticleStatus } | { ok: false; code: string; message: string; english?: string };

const from: Record<ArticleAction, readonly ArticleStatus[]> = {
  save: articleStatuses,
  submit: ['draft'],
  approve: ['in_review'],
  reject: ['in_review'],
  publish: ['approved'],
};
const to: Record<ArticleAction, ArticleStatus> = { save: 'draft', submit: 'in_review', approve: 'approved', reject: 'draft', publish: 'published' };
/** Each action's name as a refusal says it: Chinese, and an English verb phrase ("does not let you publish it"). */
const actionNames: Record<ArticleAction, { zh: string; en: string }> = {
  save: { zh: '修改', en: 'change it' },
  submit: { zh: '提交审核', en: 'submit it for review' },
  approve: { zh: '审核通过', en: 'approve it' },
  reject: { zh: '审核退回', en: 'send it back' },
  publish: { zh: '发布', en: 'publish it' },
};

/**
 * Whether an editor may take the action on a version in this status. Four eyes: the person who saved a version
 * does not approve it (a reviewer reads what someone else wrote), but may publish it once someone else approved it.
 */
export function decideArticle(status: ArticleStatus, action: ArticleAction, who: { role: Role; userId: string; savedBy: string | null }): WorkflowDecision {
  if (!isEditor(who.role)) return { ok: false, code: 'KB_EDITOR_REQUIRED', message: '只有知识库编辑可以维护知识库' };
  if (!from[action].includes(status)) {
    const [state, act] = [articleStatusNames[status], actionNames[action]];
    return {
      ok: false,
      code: 'KB_INVALID_TRANSITION',
      message: `条目当前状态（${state.zh}）不允许${act.zh}`,
      english: `The entry is ${state.en}, which does not let you ${act.en}`,
    };
  }
  if ((action === 'approve' || action === 'reject') && who.savedBy === who.userId) {
    return { ok: false, code: 'KB_SELF_REVIEW', message: '不能审核自己编写的版本，请由另一位编辑审核' };
  }
  return { ok: true, next: to[action] };
}

/** Why a published article is not shown to agents today (null: it is shown). Dates are local calendar days (YYYY-MM-DD). */
export function staleReason(
  a: { expiresOn: string | null; reviewBy: string | null; effectiveFrom?: string | null },
  today: string,
): 'expired' | 'review_due' | 'not_yet_effective' | null {
  if (a.expiresOn && a.expiresOn <= today) return 'expired';
  if (a.reviewBy && a.reviewBy < today) return 'review_due';
  if (a.effectiveFrom && a.effectiveFrom > today) return 'not_yet_effective';
  return null;
}

/** The content of a version: what an editor writes and a diff compares. */
export type ArticleContent = {
  kind: ArticleKind;
  title: string;
  body: string;
  subjects: string[];
  regions: string[];
  tags: string[];
  source: string | null;
  citations: string[];
  issuingBody: string | null;
  effectiveFrom: string | null;
  expiresOn: string | null;
  reviewBy: string | null;
  attachments: { name: string; url: string }[];
};

export type ContentProblem = { field: string; message: string };

/** Rules a version's content must meet whatever its status. */
export function checkContent(c: ArticleContent): ContentProblem[] {
  const p: ContentProblem[] = [];
  if (c.kind === 'local_policy') {
    if (!c.regions.length) p.push({ field: 'body.regions', message: '地方政策须注明适用地区' });
    if (!c.issuingBody) p.push({ field: 'body.issuingBody', message: '地方政策须注明发文机关' });
  }
  if (c.kind === 'law' && !c.citations.length) p.push({ field: 'body.citations', message: '法律法规条目须注明条款（如《劳动合同法》第八十二条）' });
  if (c.effectiveFrom && c.expiresOn && c.expiresOn <= c.effectiveFrom) p.push({ field: 'body.expiresOn', message: '失效日期须晚于生效日期' });
  return p;
}
