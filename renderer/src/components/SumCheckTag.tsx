import { Tag, Tooltip } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, MinusCircleFilled } from '@ant-design/icons';
import { SUM_CHECK_LABEL, type SumCheck } from '../../../shared/figures/sumCheck';
import { formatNumber } from '../../../shared/numbers';

/** "+0.5" / "-2": a signed difference, through formatNumber. */
export function signedNumber(value: number, decimals = 4): string {
  const text = formatNumber(Math.abs(value), decimals);
  if (value > 0) return `+${text}`;
  if (value < 0) return `-${text}`;
  return text;
}

/** The 校验 tag of one indicator: 相符 (green), 不相符 with the difference (red), 不完整, 不适用. */
export function SumCheckTag({
  check,
  decimals = 4,
  missingNames = [],
}: {
  check: SumCheck | undefined;
  decimals?: number;
  missingNames?: string[];
}) {
  if (!check) return <Tag>未校验</Tag>;
  const label = SUM_CHECK_LABEL[check.state];
  switch (check.state) {
    case 'match':
      return (
        <Tag color="success" icon={<CheckCircleFilled />} data-testid="sum-check" data-state="match">
          {label}
        </Tag>
      );
    case 'mismatch':
      return (
        <Tooltip title={`分解合计 ${formatNumber(check.sum, decimals)}，上级目标 ${check.parent == null ? '—' : formatNumber(check.parent, decimals)}`}>
          <Tag color="error" icon={<CloseCircleFilled />} data-testid="sum-check" data-state="mismatch">
            {label}
            {check.difference != null ? `（差额 ${signedNumber(check.difference, decimals)}）` : ''}
          </Tag>
        </Tooltip>
      );
    case 'incomplete': {
      const detail =
        check.parent == null
          ? '上级目标未填写'
          : missingNames.length > 0
            ? `缺少：${missingNames.join('、')}`
            : `${formatNumber(check.missingUnitIds.length, 0)} 个单位未填写`;
      return (
        <Tooltip title={detail}>
          <Tag color="warning" icon={<ExclamationCircleFilled />} data-testid="sum-check" data-state="incomplete">
            {label}
          </Tag>
        </Tooltip>
      );
    }
    default:
      return (
        <Tag icon={<MinusCircleFilled />} data-testid="sum-check" data-state={check.state}>
          {label}
        </Tag>
      );
  }
}
