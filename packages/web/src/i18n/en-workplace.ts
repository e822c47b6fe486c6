/** English for the workplace's later additions (issue 8): provisional deadlines, calendar files, dialogs. */
export const enWorkplace: Record<string, string> = {
  暂定: 'Provisional',
  '期限按暂定日历（放假办法推算，无调休）计算，导入国务院通知后自动重算':
    'Counted on a provisional calendar (holidays from the regulation, no make-up working days); recomputed when the State Council notice is entered',
  '{from} 至 {to} 为暂定日历：按放假办法推算节假日，没有调休上班；落在其中的期限标为“暂定”，导入国务院通知后自动重算':
    '{from} to {to} is a provisional calendar: holidays computed from the regulation, no make-up working days; deadlines in it are marked provisional and recomputed when the State Council notice is entered',
  '请选择国务院通知的 .ics 或 .json 文件': 'Choose the .ics or .json file of the State Council notice',
  '；{n} 张在办工单的暂定期限已重算': '; provisional deadlines of {n} open orders recomputed',
  '只支持 .ics 或 .json 文件': 'Only .ics or .json files',
  从文件导入: 'From a file',
  逐行填写: 'Type line by line',
  '选择国务院办公厅通知的日历文件：iCalendar（.ics）或 JSON；只取所填年份的放假与调休上班日期。':
    "Choose the calendar file of the State Council notice: iCalendar (.ics) or JSON; only the given year's holidays and make-up working days are taken.",
  '点击或拖入 .ics / .json 文件': 'Click or drop an .ics / .json file',
  '原办理时限 {max} {unit}，最多可延长 {max} {unit}': 'The reply limit is {max} {unit}; an extension may add at most {max} {unit}',
  '延长时长（{unit}）': 'Extension ({unit})',
  '应为不小于 1 的整数': 'A whole number of at least 1',
  '最多延长 {max} {unit}（不能超过原办理时限）': 'At most {max} {unit} (not more than the original limit)',
  不同意的理由: 'Reason for refusing',
  '分钟（自然时间）': 'minutes (clock time)',
  '小时（自然时间）': 'hours (clock time)',
  自然日: 'calendar days',
  工作小时: 'working hours',
  追回金额远超涉及金额: 'amount recovered far above the amount involved',
  帮助人数超过涉及人数: 'more workers helped than involved',
  办理措施过于简短: 'measures too short',
  办理措施只是套话: 'measures are a status, not what was done',
  '请核实：{list}。审核人会看到这些提示。': 'Please check: {list}. The reviewer will see these notes.',
  '工单登记：涉及 {workers} 人、金额 {amount} 元': 'On the order: {workers} workers, {amount} yuan involved',
  存疑: 'Doubtful',
  审核提示: 'For the reviewer',
};
