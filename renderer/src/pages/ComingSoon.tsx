import { Result } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';

/** A page that is planned but not built yet: says what it will do, offers nothing that does nothing. */
export function ComingSoon({ what }: { what: string }) {
  return (
    <div className="tz-panel">
      <Result
        icon={<ClockCircleOutlined className="tz-soon-icon" />}
        title="即将提供"
        subTitle={what}
      />
    </div>
  );
}
