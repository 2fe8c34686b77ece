/**
 * The Electron shell: one window, one IPC channel onto the core, nothing else.
 * Security rules live in ./security.ts (pure, unit-tested); this file only
 * wires them to Electron's events.
 *
 * The core runs in its own process (a utilityProcess, dist/electron/core-host.cjs):
 * better-sqlite3 is synchronous, and reading a 14 MB workbook or writing the
 * 2,000 × 40 完成情况 table must not freeze menus, dialogs and IPC replies.
 * This process only relays the window's calls to it and its events back.
 *
 * Built by scripts/build-electron.mjs into dist/electron/main.cjs, next to
 * preload.cjs and core-host.cjs; the renderer is dist/renderer, served as app://taizhang/.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  safeStorage,
  session,
  shell,
  type IpcMainInvokeEvent,
  type MenuItemConstructorOptions,
  type WebContents,
  utilityProcess,
  type WebFrameMain,
} from 'electron';
import { DB_FILE_NAME } from './core/paths';
import { isPostgresUrl } from './core/store/location';
import { connectCore, CoreStartFailure, type CoreChild, type CoreClient } from './coreProcess/client';
import { failureOf, UNEXPECTED_MESSAGE } from './core/failure';
import { errorLogBeside } from './core/log';
import { CALL_CHANNEL, EVENT_CHANNEL, shellError } from './ipc';
import { answerSecret, storeAvailable } from './secretRelay';
import { API_EVENT_NAMES } from '../shared/api/events';
import {
  afterFolderExportMessage,
  afterSaveButtons,
  afterSaveChoice,
  afterSaveMessage,
  defaultSavePath,
  folderDialogOptions,
  FOLDER_EXPORT_CANCELLED,
  isOwnExport,
  openableSavedFile,
  saveDialogFilters,
  withChosenFolder,
  EXPORT_TO_FOLDER_METHOD,
} from './downloads';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  checkSender,
  externalUrlToOpen,
  isNavigationAllowed,
  isPermissionAllowed,
  mimeTypeFor,
  resolveAppFile,
  withSecurityHeaders,
} from './security';

const APP_TITLE = '科创台账';
const RENDERER_DIR = path.join(__dirname, '..', 'renderer');
const PRELOAD_PATH = path.join(__dirname, 'preload.cjs');
const CORE_HOST_PATH = path.join(__dirname, 'core-host.cjs');

let core: CoreClient | null = null;
let mainWindow: BrowserWindow | null = null;

// Must happen before 'ready'.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
app.enableSandbox();
if (process.platform === 'win32') app.setAppUserModelId('cn.taizhang.app');

if (!app.requestSingleInstanceLock()) {
  // Another Taizhang already has the database open: it gets focus (below), we leave.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => fail('科创台账启动失败', err));
}

/** The database file, or null when TAIZHANG_DB names a PostgreSQL store (not the desktop's: issue 22). */
function dbPath(): string | null {
  const fromEnv = process.env.TAIZHANG_DB;
  if (fromEnv && isPostgresUrl(fromEnv)) return null;
  return fromEnv ? path.resolve(fromEnv) : path.join(app.getPath('userData'), DB_FILE_NAME);
}

async function start(): Promise<void> {
  const file = dbPath();
  if (!file) {
    // Said before anything starts; fail() must not reach for a file path that does not exist.
    fail('科创台账无法打开数据库', new CoreStartFailure('桌面版只能使用数据库文件：环境变量 TAIZHANG_DB 指向的是 PostgreSQL 数据库。请改为一个数据库文件的路径，或去掉这个环境变量。'));
    return;
  }
  const spawn = () =>
    utilityProcess.fork(CORE_HOST_PATH, [], {
      serviceName: 'Taizhang core',
      // Whether 设置 → 服务器 may keep its password: only with the system's credential store.
      env: { ...process.env, TAIZHANG_CORE_DB: file, TAIZHANG_CORE_SECRETS: storeAvailable(safeStorage) ? 'system' : 'none' },
    }) as unknown as CoreChild;
  try {
    core = await connectCore(spawn, file, (request) => answerSecret(safeStorage, request));
  } catch (err) {
    fail('科创台账无法打开数据库', err);
    return;
  }

  hardenSessions();
  serveRenderer();
  registerIpc(core);
  Menu.setApplicationMenu(buildMenu());
  mainWindow = createWindow();
}

/**
 * Shows a Chinese error box and exits with status 1; the details go to taizhang.log. The core's process
 * says why it could not open the database itself (CoreStartFailure); anything else core/failure.ts says.
 */
function fail(title: string, err: unknown): void {
  let message: string;
  if (err instanceof CoreStartFailure) message = err.message;
  else {
    const file = dbPath() ?? path.join(app.getPath('userData'), DB_FILE_NAME);
    const { error, unexpected } = failureOf(err, { dbPath: file });
    if (unexpected) errorLogBeside(file).error('desktop start', err);
    message = error.message;
  }
  dialog.showErrorBox(title, message);
  void core?.close();
  core = null;
  app.exit(1);
}


// ---------------------------------------------------------------------------

function hardenSessions(): void {
  const ses = session.defaultSession;
  // Our protocol handler already sets the CSP; this covers any other response.
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (details.url.startsWith('devtools:')) return callback({});
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders) });
  });
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl));
  });
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin),
  );
  handleExports(ses);
}

/**
 * Exported files (Excel, PDF, data packages) arrive as downloads: save dialog in 文档, then offer to open
 * the file. Only our own page's exports are taken; 打开文件 only for the kinds Taizhang writes (downloads.ts).
 */
function handleExports(ses: Electron.Session): void {
  ses.on('will-download', (_event, item) => {
    if (!isOwnExport(item.getURL(), item.getFilename())) {
      item.cancel();
      return;
    }
    item.setSaveDialogOptions({
      title: '保存导出的文件',
      defaultPath: defaultSavePath(app.getPath('documents'), item.getFilename()),
      filters: saveDialogFilters(item.getFilename()),
    });
    item.once('done', async (_e, state) => {
      if (state !== 'completed') return;
      const saved = item.getSavePath();
      const openable = openableSavedFile(saved);
      const buttons = afterSaveButtons(openable !== null);
      const options = {
        type: 'info' as const,
        buttons: buttons.map((b) => b.label),
        defaultId: 0,
        cancelId: buttons.length - 1,
        ...afterSaveMessage(saved),
      };
      const { response } = mainWindow ? await dialog.showMessageBox(mainWindow, options) : await dialog.showMessageBox(options);
      const choice = afterSaveChoice(buttons, response);
      if (choice === 'open' && openable) await shell.openPath(openable);
      else if (choice === 'folder') shell.showItemInFolder(saved);
    });
  });
}

function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const headers = (contentType: string) =>
      Object.fromEntries(
        Object.entries(withSecurityHeaders({ 'Content-Type': contentType })).map(([k, v]) => [k, v.join(', ')]),
      );
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: headers('text/plain; charset=utf-8') });
    }
    const file = resolveAppFile(request.url, RENDERER_DIR);
    if (file === null) return new Response('Not found', { status: 404, headers: headers('text/plain; charset=utf-8') });
    try {
      const body = await fs.readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: headers(mimeTypeFor(file)) });
    } catch {
      return new Response('Not found', { status: 404, headers: headers('text/plain; charset=utf-8') });
    }
  });
}

function registerIpc(c: CoreClient): void {
  ipcMain.handle(CALL_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, request: unknown) => {
    const frame = event.senderFrame;
    const verdict = checkSender({
      senderWebContentsId: event.sender.id,
      windowWebContentsId: mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents.id : null,
      frameUrl: frame ? frame.url : null,
      isMainFrame: frame !== null && frame.parent === null && sameFrame(frame, event.sender.mainFrame),
    });
    if (!verdict.ok) {
      console.warn(`[taizhang] refused IPC call: ${verdict.reason}`);
      return shellError('forbidden', '拒绝了来自非本程序页面的请求。');
    }
    if (typeof method !== 'string') return shellError('bad_request', '请求的方法名无效。');
    try {
      if (method === EXPORT_TO_FOLDER_METHOD) return await exportToChosenFolder(c, request);
      return await c.call(method, request);
    } catch (err) {
      // core.call should never throw; keep the window alive if it does, and keep the details for support.
      errorLogBeside(c.dbPath).error('ipc', err);
      return shellError('internal', UNEXPECTED_MESSAGE);
    }
  });

  for (const name of API_EVENT_NAMES) {
    c.on(name, (payload) => {
      if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(EVENT_CHANNEL, name, payload);
    });
  }
}

/** 导出全部: one folder dialog, then the core writes the whole set there; 打开所在文件夹 offered after. */
async function exportToChosenFolder(c: CoreClient, request: unknown): Promise<unknown> {
  const options = folderDialogOptions(app.getPath('documents'));
  const chosen = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  if (chosen.canceled || chosen.filePaths.length === 0) return FOLDER_EXPORT_CANCELLED;
  const result = (await c.call(EXPORT_TO_FOLDER_METHOD, withChosenFolder(request, chosen.filePaths[0]))) as {
    ok: boolean;
    value?: { folder: string | null; files: unknown[] };
  };
  const folder = result.ok ? result.value?.folder : null;
  if (folder) {
    const buttons = afterSaveButtons(false);
    const box = { type: 'info' as const, buttons: buttons.map((b) => b.label), defaultId: 0, cancelId: buttons.length - 1, ...afterFolderExportMessage(folder, result.value?.files.length ?? 0) };
    void (mainWindow ? dialog.showMessageBox(mainWindow, box) : dialog.showMessageBox(box)).then(({ response }) => {
      if (afterSaveChoice(buttons, response) === 'folder') void shell.openPath(folder);
    });
  }
  return result;
}

function sameFrame(a: WebFrameMain, b: WebFrameMain): boolean {
  return a.processId === b.processId && a.routingId === b.routingId;
}

// ---------------------------------------------------------------------------

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 680,
    title: APP_TITLE,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: PRELOAD_PATH,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

/** Applies to every webContents, including any a page might try to create. */
app.on('web-contents-created', (_event, contents: WebContents) => {
  contents.on('will-navigate', (event) => {
    if (isNavigationAllowed(event.url)) return;
    event.preventDefault();
    openExternally(event.url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isNavigationAllowed(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isNavigationAllowed(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
});

function openExternally(url: string): void {
  const target = externalUrlToOpen(url);
  if (target) void shell.openExternal(target);
}

app.on('window-all-closed', () => app.quit());

app.on('will-quit', () => {
  void core?.close();
  core = null;
});

// ---------------------------------------------------------------------------

function buildMenu(): Menu {
  const dev = !app.isPackaged;
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin'
      ? [{ label: APP_TITLE, submenu: [{ role: 'about', label: `关于${APP_TITLE}` }, { type: 'separator' }, { role: 'quit', label: `退出${APP_TITLE}` }] } as MenuItemConstructorOptions]
      : []),
    {
      label: '文件',
      submenu: [
        {
          label: '打开数据所在文件夹',
          click: () => {
            if (core) shell.showItemInFolder(core.dbPath);
          },
        },
        { type: 'separator' },
        { role: 'quit', label: '退出' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    {
      label: '视图',
      submenu: [
        { role: 'reload', label: '重新载入' },
        ...(dev ? [{ role: 'toggleDevTools', label: '开发者工具' } as MenuItemConstructorOptions] : []),
        { type: 'separator' },
        { role: 'resetZoom', label: '实际大小' },
        { role: 'zoomIn', label: '放大' },
        { role: 'zoomOut', label: '缩小' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: '全屏' },
      ],
    },
    {
      label: '帮助',
      submenu: [
        {
          label: `关于${APP_TITLE}`,
          click: () => {
            const options = {
              type: 'info' as const,
              title: `关于${APP_TITLE}`,
              message: `${APP_TITLE} ${app.getVersion()}`,
              detail: `数据文件：${core?.dbPath ?? '（未打开）'}`,
            };
            if (mainWindow) void dialog.showMessageBox(mainWindow, options);
            else void dialog.showMessageBox(options);
          },
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
