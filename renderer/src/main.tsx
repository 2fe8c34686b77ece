import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { App } from './App';
import { NoSession } from './NoSession';
import { establishSession, useSessionState } from './api/webSession';
import './styles.css';

dayjs.locale('zh-cn');

/** In a browser, the app runs only with a session of the web host (api/webSession.ts); the desktop window needs none. */
function SessionGate() {
  const state = useSessionState();
  if (state === 'pending') return null;
  return state === 'ready' ? <App /> : <NoSession />;
}

const container = document.getElementById('root');
if (!container) throw new Error('页面缺少 #root 容器。');
const root = createRoot(container);
if (window.taizhang) {
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
} else {
  void establishSession().then(() =>
    root.render(
      <StrictMode>
        <SessionGate />
      </StrictMode>,
    ),
  );
}
