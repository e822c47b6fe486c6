/** Names of article kinds and statuses, shared by the knowledge pages. */
export const kindNames: Record<string, string> = { law: '法律法规', local_policy: '地方政策', procedure: '办事指南', qa: '问答', script: '话术' };
export const statusNames: Record<string, string> = { draft: '草稿', in_review: '待审核', approved: '已审核待发布', published: '已发布' };
export const statusColors: Record<string, string> = { draft: 'default', in_review: 'orange', approved: 'blue', published: 'green' };
