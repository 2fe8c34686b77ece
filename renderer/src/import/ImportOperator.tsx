/**
 * The operator (操作员) an import is recorded with: target and baseline
 * changes go into target_history with this name. Asked inside the drawer when
 * none is set yet, so a first-time user can import without leaving it.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Input, Space } from 'antd';
import { errorMessage } from '../api/transport';
import { useOperator, useOperatorLoaded } from '../entry/Operator';

export function ImportOperator() {
  useOperatorLoaded();
  const { name, loaded, save } = useOperator();
  const { message } = AntApp.useApp();
  const [text, setText] = useState('');
  if (!loaded || name) return null;
  const submit = async () => {
    try {
      await save(text);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <Alert
      type="info"
      showIcon
      className="tz-import-block"
      data-testid="import-operator"
      title="请先填写操作员姓名"
      description={
        <div>
          <div>导入的目标值和基数的修改会记录由谁导入、何时导入、来自哪个文件。以后可在“设置”中修改。</div>
          <Space.Compact style={{ width: 380, marginTop: 8 }}>
            <Input
              value={text}
              maxLength={40}
              placeholder="您的姓名，例如：张敏"
              aria-label="操作员姓名"
              data-testid="import-operator-input"
              onChange={(e) => setText(e.target.value)}
              onPressEnter={() => text.trim() && void submit()}
            />
            <Button type="primary" disabled={!text.trim()} onClick={() => void submit()}>
              保存
            </Button>
          </Space.Compact>
        </div>
      }
    />
  );
}
