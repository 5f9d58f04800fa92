import { MessageCatalogue, listOf } from './catalogue';

export const ZH_CN: MessageCatalogue = {
  rules: {
    required: () => '必填',
    too_long: (p) => `不能超过${String(p['max'])}个字符`,
    too_short: (p) => `至少需要${String(p['min'])}个字符`,
    too_many: (p) => `最多${String(p['max'])}项`,
    too_few: (p) => `至少${String(p['min'])}项`,
    invalid_format: (p) => (p['format'] ? `不是有效的${FORMAT_NAMES[String(p['format'])] ?? String(p['format'])}` : '格式不正确'),
    invalid_phone: () => '不是有效的电话号码',
    not_one_of: (p) => `必须是以下之一：${listOf(p['allowed'], '、')}`,
    out_of_range: (p) =>
      p['min'] !== undefined && p['max'] !== undefined
        ? `必须在${String(p['min'])}到${String(p['max'])}之间`
        : p['min'] !== undefined
          ? `不能小于${String(p['min'])}`
          : `不能大于${String(p['max'])}`,
    invalid_type: (p) => `类型不正确，应为${TYPE_NAMES[String(p['expected'])] ?? String(p['expected'])}`,
    unknown_field: () => '不是允许的字段',
    unknown_reference: () => '引用的对象不存在或不可用',
    exactly_one_of: (p) => `${listOf(p['fields'], '、')}必须且只能填写一项`,
    invalid_text: () => '必须是有效的Unicode文本，且不含NUL字符',
    too_deep: (p) => `数组和对象的嵌套不能超过${String(p['max'])}层`,
    invalid_json: () => '不是有效的JSON',
    rejected: () => '不符合业务规则',
  },
  invalidFields: (fields) => `以下字段有误：${fields.join('、')}`,
};

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: '字符串',
  integer: '整数',
  number: '数字',
  boolean: '布尔值',
  array: '数组',
  object: '对象',
};

const FORMAT_NAMES: Readonly<Record<string, string>> = {
  uuid: 'UUID',
  email: '电子邮箱地址',
  'date-time': '日期时间（ISO 8601）',
  date: '日期（YYYY-MM-DD）',
  url: '网址',
  cursor: '分页游标（请使用接口返回的游标）',
};
