/** The app's mark and name: the side menu's head, and the login page's. */
export function Brand({ sub = '科技创新目标任务管理', className = '' }: { sub?: string; className?: string }) {
  return (
    <div className={`tz-brand ${className}`.trim()}>
      <div className="tz-logo" aria-hidden="true">
        台
      </div>
      <div>
        <div className="tz-brand-name">科创台账</div>
        <div className="tz-brand-sub">{sub}</div>
      </div>
    </div>
  );
}
