/**
 * 复制催报通知 and 导出名单 for a 催报 list: the notice text (shared/entry/reminderNotice.ts)
 * with both dates — 原定截止 (the period's) and 本次补报截止 (today + 3 working days by default,
 * editable, never before today) — and the contact editable before copying, and the list as .xlsx (built by the
 * core). Each records the 催报 (entry.remindersSent), so the list shows when each unit was
 * last reminded. Used by 数据填报 → 催报 and by the dashboard, so both send the same notice.
 */
import { useMemo, useState } from 'react';
import { App, Button, DatePicker, Input, Modal, Space } from 'antd';
import { CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { ReminderList } from '../../../shared/entry/views';
import { chineseDateOf } from '../../../shared/dates';
import { defaultReplyBy, owingRows, reminderNotice } from '../../../shared/entry/reminderNotice';
import { api, errorMessage } from '../api/transport';
import { downloadBase64 } from '../reports/downloadFile';

const todayIso = () => dayjs().format('YYYY-MM-DD');

export function ReminderActions({ list, size = 'middle' }: { list: ReminderList; size?: 'small' | 'middle' }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const deadline = list.notice.deadline;
  const today = todayIso();
  const [replyBy, setReplyBy] = useState(() => defaultReplyBy(today));
  const [contact, setContact] = useState('');
  const owing = owingRows(list);
  const text = useMemo(
    () => reminderNotice(list, { planTitle: list.notice.planTitle, docNumber: list.notice.docNumber, issuer: list.notice.issuer, deadline, replyBy, date: today, contact }),
    [list, deadline, replyBy, today, contact],
  );
  const [exporting, setExporting] = useState(false);
  /** Records the 催报 (the date the list shows); without an operator name it says so and records nothing. */
  const record = async (channel: 'notice' | 'list') => {
    try {
      await api.call('entry.remindersSent', { planId: list.planId, period: list.period, unitIds: owing.map((r) => r.unit.id), channel });
      return null;
    } catch (e) {
      return `未记录催报日期：${errorMessage(e)}`;
    }
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      message.warning('浏览器不允许直接复制：请在文本框中全选（Ctrl+A）后复制（Ctrl+C）。');
      return;
    }
    const failed = await record('notice');
    message.success(`催报通知已复制（${owing.length} 个单位），可粘贴到微信、OA 或公文中。${failed ? '' : '已记录催报日期。'}`);
    if (failed) message.warning(failed);
  };
  const exportList = async () => {
    setExporting(true);
    try {
      const file = await api.call('entry.remindersExport', { planId: list.planId, period: list.period, deadline });
      downloadBase64(file.base64, file.fileName, file.mimeType);
      const failed = await record('list');
      if (failed) message.warning(failed);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };
  return (
    <>
      <Space wrap>
        <Button size={size} icon={<CopyOutlined />} disabled={owing.length === 0} onClick={() => setOpen(true)} data-testid="reminder-notice-button">
          复制催报通知
        </Button>
        <Button
          size={size}
          icon={<DownloadOutlined />}
          disabled={owing.length === 0}
          loading={exporting}
          data-testid="reminder-export-button"
          onClick={() => void exportList()}
        >
          导出名单（Excel）
        </Button>
      </Space>
      <Modal
        open={open}
        title={`催报通知 · ${list.periodLabel}（${owing.length} 个单位）`}
        onCancel={() => setOpen(false)}
        width={720}
        destroyOnHidden
        footer={[
          <Button key="close" onClick={() => setOpen(false)}>
            关闭
          </Button>,
          <Button key="copy" type="primary" icon={<CopyOutlined />} onClick={() => void copy()} data-testid="reminder-notice-copy">
            复制通知
          </Button>,
        ]}
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <span data-testid="reminder-original-deadline">原定截止 {chineseDateOf(deadline)}</span>
          <span>本次补报截止</span>
          <DatePicker
            value={dayjs(replyBy)}
            onChange={(d) => d && setReplyBy(d.format('YYYY-MM-DD'))}
            disabledDate={(d) => d.format('YYYY-MM-DD') < today}
            allowClear={false}
            aria-label="本次补报截止日期"
            data-testid="reminder-reply-by"
          />
          <span>联系人及电话</span>
          <Input value={contact} onChange={(e) => setContact(e.target.value)} placeholder="如：王芳 0791-8xxxxxxx" style={{ width: 240 }} maxLength={60} />
        </Space>
        <Input.TextArea value={text} readOnly autoSize={{ minRows: 10, maxRows: 20 }} data-testid="reminder-notice-text" />
      </Modal>
    </>
  );
}
