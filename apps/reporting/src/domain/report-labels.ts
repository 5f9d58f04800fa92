import type { KpiFigures } from './kpis';

/** The figures' names as leaders read them in the printed and spreadsheet reports. */
export const KPI_LABELS: Readonly<Record<keyof KpiFigures, string>> = {
  received: '受理量',
  valid: '有效',
  invalid: '无效',
  outOfScope: '非受理范围',
  dispatched: '派单量',
  resolved: '已解决',
  closed: '已关闭',
  reopened: '重新处理',
  escalated: '升级',
  majorComplaints: '重大投诉',
  extensions: '延期',
  resolutionRate: '解决率',
  firstResponseOnTimeRate: '响应及时率',
  resolutionOnTimeRate: '解决及时率',
  satisfactionRate: '满意率',
  callbackCompletionRate: '回访完成率',
  callbackOnTimeRate: '回访及时率',
  reopenRate: '重新处理率',
  knowledgeAnswerUsageRate: '统一答复使用率',
  firstResponseMinutes: '首次响应工作分钟',
  resolutionMinutes: '解决工作分钟',
};

export const CALLBACK_COLUMNS = [
  ['section', '板块'],
  ['due', '应回访'],
  ['completed', '已回访'],
  ['satisfied', '满意'],
  ['dissatisfied', '不满意'],
  ['onTime', '及时'],
  ['failed', '未接通'],
  ['overdue', '逾期'],
  ['cancelled', '取消'],
  ['pending', '待回访'],
  ['completionRate', '完成率'],
  ['satisfactionRate', '满意率'],
  ['onTimeRate', '及时率'],
] as const;
