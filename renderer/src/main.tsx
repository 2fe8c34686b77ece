// antd's styles, made at build time with the app's theme (scripts/antdStaticStyle.ts). Imported first, so every
// stylesheet of ours comes after them and wins a tie, as when antd put its styles at the top of <head> at run time.
import 'virtual:antd-static.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { App } from './App';
import { NoSession } from './NoSession';
import { establishSession, useSessionState } from './api/webSession';
import { establishServerSession, isServerDoor, useServerState } from './api/serverSession';
import { Login } from './Login';
import { bootEarly } from './store/appStore';
import './styles.css';

dayjs.locale('zh-cn');

/** In a browser, the app runs only with a session of the web host (api/webSession.ts); the desktop window needs none. */
function SessionGate() {
  const state = useSessionState();
  if (state === 'pending') return null;
  return state === 'ready' ? <App /> : <NoSession />;
}

/** Served by `taizhang serve`: the app runs for a logged-in account (api/serverSession.ts); else the login page. */
function LoginGate() {
  const s = useServerState();
  if (s.state === 'pending') return null;
  // Keyed by account: another login starts the app afresh (its stores hold the last account's views).
  return s.state === 'ready' ? <App key={s.account.id} /> : <Login notice={s.notice} />;
}

const container = document.getElementById('root');
if (!container) throw new Error('页面缺少 #root 容器。');
const root = createRoot(container);
if (window.taizhang) {
  // The shell and the first screen drawn once, with their data (store/appStore.ts bootEarly).
  void bootEarly().then(() =>
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
} else if (isServerDoor()) {
  void establishServerSession().then(() =>
    root.render(
      <StrictMode>
        <LoginGate />
      </StrictMode>,
    ),
  );
} else {
  void establishSession()
    // The shell and the first screen drawn once, with their data (store/appStore.ts bootEarly).
    .then((state) => (state === 'ready' ? bootEarly() : undefined))
    .then(() =>
      root.render(
        <StrictMode>
          <SessionGate />
        </StrictMode>,
      ),
    );
}
