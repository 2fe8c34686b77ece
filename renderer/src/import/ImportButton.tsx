/**
 * The header's 导入 button, and the window as a drop target: a file dropped
 * anywhere on the window opens the import drawer with it.
 */
import { useEffect, useState } from 'react';
import { Button } from 'antd';
import { ImportOutlined } from '@ant-design/icons';
import { lazyPart, useOpenedOnce } from '../components/lazyChunk';
import { useImportDrawer } from './importDrawerStore';
import './import.css';

// The drawer's chunk (the import's tables, steps and upload) is fetched after the first paint (components/lazyChunk.tsx).
const ImportDrawer = lazyPart(() => import('./ImportDrawer').then((m) => m.ImportDrawer));

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

export function ImportButton() {
  const { open, file: dropped, show, hide } = useImportDrawer();
  const [dragging, setDragging] = useState(false);
  const opened = useOpenedOnce(open);

  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault(); // allow the drop
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault(); // never let the browser open the file itself
      depth = 0;
      setDragging(false);
      // The drawer's own drop area handles drops inside it.
      if ((e.target as HTMLElement | null)?.closest?.('.ant-upload')) return;
      const file = e.dataTransfer?.files?.[0];
      if (file) show(file);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [show]);

  return (
    <>
      <Button
        className="tz-import-button"
        icon={<ImportOutlined />}
        data-testid="import-open"
        onClick={() => show()}
      >
        导入
      </Button>
      {dragging && !open ? (
        <div className="tz-drop-overlay" data-testid="drop-overlay">
          松开鼠标，导入这个文件
        </div>
      ) : null}
      {opened ? <ImportDrawer open={open} initialFile={dropped} onClose={hide} /> : null}
    </>
  );
}
