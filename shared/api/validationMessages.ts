/**
 * zod's messages in plain Chinese. zod's own zh-CN locale leaves type names
 * in English ("无效输入：期望 object，实际接收 string"); a bureau's staff
 * (or a script's author) should read "应为对象，收到的是文本". Installed by
 * method.ts for every schema; a schema's own message (`{ message: '…' }`)
 * still wins. The field is named by the caller (dispatch.ts: 字段“planId”…).
 */
import type { z } from 'zod';
import { clipText } from '../text/clip';

type RawIssue = Parameters<NonNullable<Parameters<typeof z.config>[0]>['localeError'] & {}>[0];

const TYPE_NAME: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '是/否（true 或 false）',
  object: '对象',
  array: '列表',
  null: '空值（null）',
  undefined: '空',
  date: '日期',
  nan: '非数字（NaN）',
  symbol: '符号',
  function: '函数',
  map: '映射',
  set: '集合',
  file: '文件',
};

function typeOf(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  if (typeof input === 'number') return Number.isNaN(input) ? 'nan' : 'number';
  if (input instanceof Date) return 'date';
  return typeof input;
}

const name = (type: string) => TYPE_NAME[type] ?? type;
const shown = (v: unknown) => clipText(typeof v === 'string' ? v : String(v), 30);

function sized(origin: string | undefined, n: number | bigint, inclusive: boolean | undefined, big: boolean): string {
  const bound = Number(n);
  switch (origin) {
    case 'string':
      if (!big && bound === 1 && inclusive !== false) return '不能为空';
      return big ? `不能超过 ${bound} 个字` : `至少 ${bound} 个字`;
    case 'array':
    case 'set':
    case 'map':
      if (!big && bound === 1 && inclusive !== false) return '至少要有一项';
      return big ? `最多 ${bound} 项` : `至少 ${bound} 项`;
    case 'file':
      return big ? `不能超过 ${bound} 字节` : `至少 ${bound} 字节`;
    default:
      if (big) return inclusive === false ? `应小于 ${bound}` : `不能大于 ${bound}`;
      return inclusive === false ? `应大于 ${bound}` : `不能小于 ${bound}`;
  }
}

/** The Chinese sentence for one zod issue (without the field's name). */
export function validationMessage(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return '缺少此项';
      return `应为${name(issue.expected)}，收到的是${name(typeOf(issue.input))}`;
    }
    case 'invalid_value':
      return issue.values.length === 1 ? `应为 ${shown(issue.values[0])}` : `应为以下之一：${issue.values.map(shown).join('、')}`;
    case 'too_big':
      return sized(issue.origin, issue.maximum as number | bigint, issue.inclusive, true);
    case 'too_small':
      return sized(issue.origin, issue.minimum as number | bigint, issue.inclusive, false);
    case 'invalid_format':
      return issue.format === 'regex' ? '格式不正确' : `不是有效的${issue.format}格式`;
    case 'not_multiple_of':
      return `应为 ${String(issue.divisor)} 的整数倍`;
    case 'unrecognized_keys':
      return `含有不认识的字段：${issue.keys.map((k) => shown(k)).join('、')}`;
    case 'invalid_union':
      return '内容不符合任何一种允许的写法';
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
    default:
      return '内容不正确';
  }
}
