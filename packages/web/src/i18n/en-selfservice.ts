/** English for the worker's own page (自助服务), membership applications and the WeChat service groups' drafts. */
export const enSelfService: Record<string, string> = {
  请选择诉求类型: 'Choose the request type',
  请选择诉求事项: 'Choose the subject',
  核实诉求: 'Check the request',
  '该诉求来自自助服务页面或微信服务群，已由智能分析预分类。请核对内容，必要时更正类型和事项，核实后方可派单；无效的请作废。':
    'This request came from the self-service page or a WeChat service group, pre-classified by the intelligence module. Check it and correct type and subject if needed; only then can it be dispatched. Invalidate it if it is not a request.',
  已核实: 'Checked',
  核实说明: 'Check note',
  自助服务: 'Self-service',
};
