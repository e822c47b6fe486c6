/** Names of article kinds and statuses, shared by the knowledge pages. */
export const kindNames: Record<string, string> = { law: '法律法规', local_policy: '地方政策', procedure: '办事指南', qa: '问答', script: '话术' };
export const statusNames: Record<string, string> = { draft: '草稿', in_review: '待审核', approved: '已审核待发布', published: '已发布' };
export const statusColors: Record<string, string> = { draft: 'default', in_review: 'orange', approved: 'blue', published: 'green' };

/**
 * What an article's list line says of its versions: the working version's status, and, while a later version is being
 * written or reviewed, the published one agents still read ("已发布 v1 · 草稿 v2"). Published first.
 */
export function versionParts(a: { status: string; version: number; publishedVersion: number | null }): { status: string; version: number }[] {
  const working = { status: a.status, version: a.version };
  if (a.publishedVersion === null || (a.status === 'published' && a.publishedVersion === a.version)) return [working];
  return [{ status: 'published', version: a.publishedVersion }, working];
}
