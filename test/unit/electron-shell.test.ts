/**
 * The Electron shell, tested in Node without Electron: the pure security
 * helpers (CSP, sender check, navigation, permissions, the app:// file
 * mapping), the real preload bundle run against a fake 'electron', the
 * BrowserWindow settings in main.ts (read as text), and how `npm start`
 * finds Electron's binary without downloading it.
 */
import fs from 'node:fs';
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/api/contract';
import { CALL_CHANNEL, EVENT_CHANNEL, shellError } from '../../electron/ipc';
import { answerSecret, storeAvailable } from '../../electron/secretRelay';
import { API_EVENT_NAMES } from '../../shared/api/events';
import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  checkSender,
  contentSecurityPolicy,
  externalUrlToOpen,
  isAppUrl,
  isNavigationAllowed,
  isPermissionAllowed,
  mimeTypeFor,
  resolveAppFile,
  withSecurityHeaders,
  type SenderFacts,
} from '../../electron/security';

const root = path.resolve(__dirname, '..', '..');
const readSource = (rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');

describe('Content-Security-Policy', () => {
  const csp = contentSecurityPolicy();
  const directives = new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

  it('has exactly the agreed directives', () => {
    expect(Object.fromEntries(directives)).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'font-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'frame-ancestors': ["'none'"],
      'form-action': ["'none'"],
    });
  });

  it('never allows inline or eval’d script, or remote hosts', () => {
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/https?:|\*/);
  });

  it('replaces any CSP a response brings instead of merging with it', () => {
    const headers = withSecurityHeaders({
      'content-security-policy': ["default-src *"],
      'Content-Type': 'text/html',
      'X-Content-Type-Options': 'sniff',
    });
    expect(headers['Content-Security-Policy']).toEqual([csp]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['X-Content-Type-Options']).toEqual(['nosniff']);
    expect(headers['Content-Type']).toEqual(['text/html']);
    expect(withSecurityHeaders(undefined)['Content-Security-Policy']).toEqual([csp]);
  });
});

describe('IPC sender check', () => {
  const ours: SenderFacts = {
    senderWebContentsId: 7,
    windowWebContentsId: 7,
    frameUrl: APP_ENTRY_URL,
    isMainFrame: true,
  };

  it('accepts the main frame of our window showing our page', () => {
    expect(checkSender(ours)).toEqual({ ok: true });
    expect(checkSender({ ...ours, frameUrl: 'app://taizhang/' }).ok).toBe(true);
    expect(checkSender({ ...ours, frameUrl: 'app://taizhang/index.html#/plans/3' }).ok).toBe(true);
  });

  it.each([
    'file:///work/main/dist/renderer/index.html',
    'file:///tmp/evil/index.html',
    'file:///C:/Users/x/Downloads/evil.html',
    'http://evil',
    'https://evil.example/app://taizhang/',
    'http://127.0.0.1:5173/',
    'devtools://devtools/bundled/devtools_app.html',
    'chrome://settings',
    'chrome-extension://abc/index.html',
    'about:blank',
    'data:text/html,<script>1</script>',
    'blob:app://taizhang/1234',
    'javascript:alert(1)',
    'app://evil/index.html',
    'app://taizhang.evil/index.html',
    'app://evil.taizhang/index.html',
    'app://user:pw@taizhang/index.html',
    'app://taizhang:8080/index.html',
    'taizhang://taizhang/index.html',
    '',
    'not a url',
  ])('refuses a frame at %s', (frameUrl) => {
    expect(checkSender({ ...ours, frameUrl }).ok).toBe(false);
  });

  it('refuses iframes, other webContents, destroyed frames and a closed window', () => {
    expect(checkSender({ ...ours, isMainFrame: false }).ok).toBe(false);
    expect(checkSender({ ...ours, senderWebContentsId: 8 }).ok).toBe(false);
    expect(checkSender({ ...ours, frameUrl: null }).ok).toBe(false);
    expect(checkSender({ ...ours, windowWebContentsId: null }).ok).toBe(false);
  });

  it('isAppUrl tolerates non-strings', () => {
    for (const v of [undefined, null, 42, {}, ['app://taizhang/']]) expect(isAppUrl(v)).toBe(false);
  });
});

describe('navigation, new windows and permissions', () => {
  it('allows navigation only inside app://taizhang', () => {
    expect(isNavigationAllowed('app://taizhang/index.html')).toBe(true);
    expect(isNavigationAllowed('https://example.com/')).toBe(false);
    expect(isNavigationAllowed('file:///etc/passwd')).toBe(false);
  });

  it('hands only plain http(s) links to the system browser', () => {
    expect(externalUrlToOpen('https://www.most.gov.cn/')).toBe('https://www.most.gov.cn/');
    expect(externalUrlToOpen('http://example.com/a?b=1')).toBe('http://example.com/a?b=1');
    for (const url of [
      'file:///C:/Windows/System32/calc.exe',
      'smb://server/share',
      'javascript:alert(1)',
      'ms-settings:',
      'app://taizhang/index.html',
      'https://user:pw@example.com/',
      'mailto:a@b.c',
      'not a url',
      42,
    ]) {
      expect(externalUrlToOpen(url)).toBeNull();
    }
  });

  it('denies every permission except clipboard writes from our own pages', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://taizhang/index.html')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen', 'hid', 'serial']) {
      expect(isPermissionAllowed(p, 'app://taizhang/index.html')).toBe(false);
    }
  });

  it('registers app:// as a standard secure scheme without bypassing CSP or opening CORS', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('bypassCSP');
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('corsEnabled');
  });
});

describe('serving dist/renderer over app://', () => {
  const dir = path.join(os.tmpdir(), 'taizhang-renderer');

  it('maps our URLs into the renderer folder', () => {
    expect(resolveAppFile('app://taizhang/index.html', dir)).toBe(path.join(dir, 'index.html'));
    expect(resolveAppFile('app://taizhang/', dir)).toBe(path.join(dir, 'index.html'));
    expect(resolveAppFile('app://taizhang/plans/3', dir)).toBe(path.join(dir, 'index.html'));
    expect(resolveAppFile('app://taizhang/assets/index-abc.js?v=1#x', dir)).toBe(path.join(dir, 'assets', 'index-abc.js'));
    expect(resolveAppFile('app://taizhang/assets/%E5%9B%BE.png', dir)).toBe(path.join(dir, 'assets', '图.png'));
  });

  it.each([
    'app://taizhang/../../etc/passwd.txt',
    'app://taizhang/%2e%2e/%2e%2e/etc/passwd.txt',
    'app://taizhang/assets/..%2f..%2f..%2fetc%2fpasswd.txt',
    'app://taizhang/assets/%2e%2e%5c%2e%2e%5csecret.txt',
    'app://taizhang/C:%5CWindows%5Cwin.ini',
    'app://taizhang/a%00.js',
    'app://taizhang/%E0%A4%A',
    'app://evil/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    const file = resolveAppFile(url, dir);
    if (file !== null) {
      // URL parsing may already have normalised the dots away; it must still be inside.
      expect(path.relative(dir, file).startsWith('..')).toBe(false);
      expect(file.startsWith(dir + path.sep)).toBe(true);
    }
  });

  it('refuses encoded traversal outright', () => {
    expect(resolveAppFile('app://taizhang/assets/..%2f..%2fsecret.txt', dir)).toBeNull();
    expect(resolveAppFile('app://taizhang/assets/%2e%2e%5csecret.txt', dir)).toBeNull();
    expect(resolveAppFile('app://taizhang/a%00.js', dir)).toBeNull();
  });

  it('gives module scripts a JavaScript MIME type', () => {
    expect(mimeTypeFor('assets/index-abc.js')).toMatch(/^text\/javascript/);
    expect(mimeTypeFor('index.html')).toMatch(/^text\/html/);
    expect(mimeTypeFor('a.CSS')).toMatch(/^text\/css/);
    expect(mimeTypeFor('font.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('x.unknown')).toBe('application/octet-stream');
  });
});

describe('IPC names', () => {
  it('match the contract', () => {
    expect(CALL_CHANNEL).toBe(IPC_CALL_CHANNEL);
    expect(EVENT_CHANNEL).toBe(IPC_EVENT_CHANNEL);
    expect(API_EVENT_NAMES).toEqual(['data.changed', 'job.progress']);
    expect(shellError('forbidden', '拒绝')).toEqual({ ok: false, error: { code: 'forbidden', message: '拒绝' } });
  });
});

describe('preload bundle', () => {
  async function bundlePreload(): Promise<string> {
    const result = await build({
      entryPoints: [path.join(root, 'electron', 'preload.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
    });
    return result.outputFiles[0].text;
  }

  function runPreload(code: string) {
    const exposed: Record<string, unknown> = {};
    const invoked: unknown[][] = [];
    const listeners = new Set<(...args: unknown[]) => void>();
    const required: string[] = [];
    const electron = {
      contextBridge: {
        exposeInMainWorld(key: string, value: unknown) {
          exposed[key] = value;
        },
      },
      ipcRenderer: {
        invoke: (...args: unknown[]) => {
          invoked.push(args);
          return Promise.resolve({ ok: true, value: 'pong' });
        },
        on: (channel: string, fn: (...args: unknown[]) => void) => {
          expect(channel).toBe(IPC_EVENT_CHANNEL);
          listeners.add(fn);
        },
        removeListener: (_channel: string, fn: (...args: unknown[]) => void) => listeners.delete(fn),
      },
    };
    const sandboxRequire = (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`sandboxed preload cannot require ${name}`);
      return electron;
    };
    const module = { exports: {} };
    vm.runInNewContext(code, { require: sandboxRequire, module, exports: module.exports });
    const emit = (...args: unknown[]) => [...listeners].forEach((fn) => fn({}, ...args));
    return { exposed, invoked, listeners, required, emit };
  }

  it('requires nothing but electron and exposes only window.taizhang = { call, on }', async () => {
    const { exposed, required } = runPreload(await bundlePreload());
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(Object.keys(exposed)).toEqual(['taizhang']);
    expect(Object.keys(exposed.taizhang as object).sort()).toEqual(['call', 'on']);
  });

  it('call() invokes the API channel and on() filters events by name and unsubscribes', async () => {
    const { exposed, invoked, listeners, emit } = runPreload(await bundlePreload());
    const api = exposed.taizhang as {
      call(method: string, request: unknown): Promise<unknown>;
      on(event: string, listener: (payload: unknown) => void): () => void;
    };
    await expect(api.call('plans.list', {})).resolves.toEqual({ ok: true, value: 'pong' });
    expect(invoked).toEqual([[IPC_CALL_CHANNEL, 'plans.list', {}]]);

    const got: unknown[] = [];
    const off = api.on('data.changed', (p) => got.push(p));
    emit('other.event', { x: 1 });
    emit('data.changed', { planId: 1, reason: 'import' });
    expect(got).toEqual([{ planId: 1, reason: 'import' }]);
    off();
    expect(listeners.size).toBe(0);
    emit('data.changed', { planId: 2, reason: 'import' });
    expect(got).toHaveLength(1);
    expect(() => api.on('data.changed', 'nope' as unknown as () => void)).toThrow();
  });

  it('does not hand ipcRenderer or other electron objects to the page', () => {
    const src = readSource('electron/preload.ts');
    expect(src).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
    expect(src.match(/exposeInMainWorld/g)).toHaveLength(1);
    const imports = [...src.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    expect(imports.sort()).toEqual(['./ipc', 'electron']);
    // ./ipc itself must have no run-time imports (type-only from shared/).
    const ipc = readSource('electron/ipc.ts');
    for (const m of ipc.matchAll(/^import (.*) from '([^']+)';$/gm)) expect(m[1]).toMatch(/^type /);
  });
});

describe('main.ts window settings', () => {
  const src = readSource('electron/main.ts');
  const prefs = src.slice(src.indexOf('webPreferences: {'), src.indexOf('},', src.indexOf('webPreferences: {')));

  it('sets contextIsolation, sandbox, no node integration and web security', () => {
    expect(prefs).toMatch(/contextIsolation: true/);
    expect(prefs).toMatch(/sandbox: true/);
    expect(prefs).toMatch(/nodeIntegration: false/);
    expect(prefs).toMatch(/webSecurity: true/);
    expect(prefs).toMatch(/preload: PRELOAD_PATH/);
    expect(src).toMatch(/PRELOAD_PATH = path\.join\(__dirname, 'preload\.cjs'\)/);
    expect(prefs).not.toMatch(/allowRunningInsecureContent: true|webviewTag: true|experimentalFeatures/);
  });

  it('checks the sender before every core call, denies windows and permissions, forces the CSP', () => {
    const handler = src.slice(src.indexOf('ipcMain.handle(CALL_CHANNEL'));
    expect(handler.indexOf('checkSender(')).toBeGreaterThan(-1);
    expect(handler.indexOf('checkSender(')).toBeLessThan(handler.indexOf('c.call('));
    expect(src).toMatch(/setWindowOpenHandler\([\s\S]*?action: 'deny'/);
    expect(src).toMatch(/setPermissionRequestHandler/);
    expect(src).toMatch(/setPermissionCheckHandler/);
    expect(src).toMatch(/onHeadersReceived/);
    expect(src).toMatch(/requestSingleInstanceLock/);
    expect(src).toMatch(/dialog\.showErrorBox/);
  });
});

describe('npm start', () => {
  async function loadStart() {
    return (await import(/* @vite-ignore */ pathToFileURL(path.join(root, 'scripts', 'start.mjs')).href)) as {
      findElectronBinary(): string | null;
    };
  }

  it('finds the Electron binary through ELECTRON_OVERRIDE_DIST_PATH without downloading', async () => {
    const { findElectronBinary } = await loadStart();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-electron-'));
    const saved = process.env.ELECTRON_OVERRIDE_DIST_PATH;
    try {
      process.env.ELECTRON_OVERRIDE_DIST_PATH = dir;
      expect(findElectronBinary()).toBeNull();
      const exe = path.join(dir, process.platform === 'win32' ? 'electron.exe' : 'electron');
      fs.writeFileSync(exe, '');
      const electronDir = path.join(root, 'node_modules', 'electron');
      const pathTxt = path.join(electronDir, 'path.txt');
      // With a path.txt from a real install the name comes from there; without it, the platform default.
      if (!fs.existsSync(pathTxt)) expect(findElectronBinary()).toBe(exe);
    } finally {
      if (saved === undefined) delete process.env.ELECTRON_OVERRIDE_DIST_PATH;
      else process.env.ELECTRON_OVERRIDE_DIST_PATH = saved;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * The real main.ts, bundled the way scripts/build-electron.mjs does it, run
 * in Node against a fake 'electron' that records what main.ts registers. The
 * core is the real one on a temporary database.
 */
describe('the safeStorage relay (electron/secretRelay.ts)', () => {
  const safe = (backend: string, available = true) => ({
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (t: string) => Buffer.from(`x${t}`),
    decryptString: (b: Buffer) => b.toString().slice(1),
  });
  it('counts a real store only: none without one, nor with Linux’s fixed-key fallback', () => {
    expect(storeAvailable(safe('dpapi'))).toBe(true);
    expect(storeAvailable(safe('basic_text'))).toBe(false);
    expect(storeAvailable(safe('dpapi', false))).toBe(false);
    expect(storeAvailable(undefined)).toBe(false);
    expect(answerSecret(safe('basic_text'), { op: 'encrypt', text: 'p' })).toMatchObject({ ok: false, message: expect.stringMatching(/密码不保存/) });
    const enc = answerSecret(safe('kwallet5'), { op: 'encrypt', text: '密码' });
    expect(enc.ok && answerSecret(safe('kwallet5'), { op: 'decrypt', stored: String(enc.value) })).toEqual({ ok: true, value: '密码' });
  });
});

describe('main.ts wired to a fake electron', () => {
  type Handler = (...args: any[]) => any;
  let warn: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => vi.restoreAllMocks());

  /** main.cjs and the core's process core-host.cjs beside it, as scripts/build-electron.mjs lays them out. */
  async function bundleMain(dir: string): Promise<string> {
    const file = path.join(dir, 'electron', 'main.cjs');
    const common = { bundle: true, platform: 'node' as const, format: 'cjs' as const, packages: 'external' as const, logLevel: 'silent' as const };
    await build({ ...common, entryPoints: [path.join(root, 'electron', 'main.ts')], outfile: file });
    await build({
      ...common,
      entryPoints: [path.join(root, 'electron', 'core-host.ts')],
      outfile: path.join(dir, 'electron', 'core-host.cjs'),
      define: { 'import.meta.url': '__taizhang_import_meta_url', 'import.meta.dirname': '__dirname' },
      banner: { js: "const __taizhang_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
    });
    return file;
  }

  function fakeElectron(userData: string) {
    const rec = {
      ipc: new Map<string, Handler>(),
      appEvents: new Map<string, Handler[]>(),
      protocolHandlers: new Map<string, Handler>(),
      privileged: [] as unknown[],
      errorBoxes: [] as [string, string][],
      exitCodes: [] as number[],
      opened: [] as string[],
      openedPaths: [] as string[],
      shownInFolder: [] as string[],
      messageBoxes: [] as any[],
      messageBoxResponse: 0,
      openDialogs: [] as any[],
      openDialogAnswer: { canceled: true, filePaths: [] as string[] },
      sessionEvents: new Map<string, Handler>(),
      sent: [] as unknown[][],
      forks: [] as { modulePath: string; options: any; child: ChildProcess }[],
      windows: [] as any[],
      loaded: [] as string[],
      headersHook: null as Handler | null,
      safeCalls: [] as string[],
      permissionRequest: null as Handler | null,
      ready: null as unknown as Promise<void>,
    };
    let resolveReady!: () => void;
    rec.ready = new Promise<void>((r) => (resolveReady = r));
    const mainFrame = { processId: 1, routingId: 1, parent: null, url: 'app://taizhang/index.html' };
    class BrowserWindow {
      options: any;
      webContents = {
        id: 1,
        mainFrame,
        send: (...args: unknown[]) => rec.sent.push(args),
      };
      constructor(options: any) {
        this.options = options;
        rec.windows.push(this);
      }
      once() {}
      on() {}
      show() {}
      isDestroyed() {
        return false;
      }
      isMinimized() {
        return false;
      }
      loadURL(url: string) {
        rec.loaded.push(url);
        return Promise.resolve();
      }
    }
    const electron = {
      app: {
        isPackaged: false,
        requestSingleInstanceLock: () => true,
        enableSandbox: () => {},
        setAppUserModelId: () => {},
        on: (name: string, fn: Handler) => rec.appEvents.set(name, [...(rec.appEvents.get(name) ?? []), fn]),
        whenReady: () => rec.ready,
        getPath: (name: string) => (name === 'userData' ? userData : os.tmpdir()),
        getVersion: () => '0.0.0-test',
        quit: () => {},
        exit: (code: number) => rec.exitCodes.push(code),
      },
      BrowserWindow,
      dialog: {
        showErrorBox: (title: string, message: string) => rec.errorBoxes.push([title, message]),
        showMessageBox: (...args: any[]) => {
          rec.messageBoxes.push(args.at(-1));
          return Promise.resolve({ response: rec.messageBoxResponse });
        },
        showOpenDialog: (...args: any[]) => {
          rec.openDialogs.push(args.at(-1));
          return Promise.resolve(rec.openDialogAnswer);
        },
      },
      ipcMain: { handle: (channel: string, fn: Handler) => rec.ipc.set(channel, fn) },
      // A utilityProcess is a Node child here: the same message/exit/kill shape main.ts uses.
      utilityProcess: {
        fork: (modulePath: string, args: string[], options: any) => {
          const child = fork(modulePath, args, { env: options.env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
          rec.forks.push({ modulePath, options, child });
          return {
            postMessage: (m: unknown) => child.connected && child.send(m as never),
            on: (event: string, fn: Handler) => child.on(event, fn),
            kill: () => child.kill(),
          };
        },
      },
      Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => {} },
      // The system's credential store: reversible here, and visibly not the clear text.
      safeStorage: {
        isEncryptionAvailable: () => true,
        getSelectedStorageBackend: () => 'gnome_libsecret',
        encryptString: (text: string) => {
          rec.safeCalls.push('encrypt');
          return Buffer.from(`SAFE:${[...text].reverse().join('')}`);
        },
        decryptString: (data: Buffer) => {
          rec.safeCalls.push('decrypt');
          return [...data.toString().slice(5)].reverse().join('');
        },
      },
      protocol: {
        registerSchemesAsPrivileged: (schemes: unknown[]) => rec.privileged.push(...schemes),
        handle: (scheme: string, fn: Handler) => rec.protocolHandlers.set(scheme, fn),
      },
      session: {
        defaultSession: {
          webRequest: { onHeadersReceived: (fn: Handler) => (rec.headersHook = fn) },
          setPermissionRequestHandler: (fn: Handler) => (rec.permissionRequest = fn),
          setPermissionCheckHandler: () => {},
          on: (name: string, fn: Handler) => rec.sessionEvents.set(name, fn),
        },
      },
      shell: {
        openExternal: (url: string) => {
          rec.opened.push(url);
          return Promise.resolve();
        },
        showItemInFolder: (p: string) => rec.shownInFolder.push(p),
        openPath: (p: string) => {
          rec.openedPaths.push(p);
          return Promise.resolve('');
        },
      },
    };
    return { electron, rec, mainFrame, fireReady: () => resolveReady() };
  }

  /** Loads main.cjs with `require('electron')` answered by the fake. */
  function loadMain(file: string, electron: unknown) {
    const realRequire = createRequire(file);
    const fakeRequire = Object.assign((id: string) => (id === 'electron' ? electron : realRequire(id)), realRequire);
    const module = { exports: {} };
    const wrapper = vm.runInThisContext(
      `(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(file, 'utf8')}\n})`,
      { filename: file },
    );
    wrapper(module.exports, fakeRequire, module, file, path.dirname(file));
  }

  async function setUp(env: { TAIZHANG_DB?: string } = {}) {
    // Inside the repo so the bundle's external requires (better-sqlite3, zod) resolve.
    const base = path.join(root, 'node_modules', '.cache');
    fs.mkdirSync(base, { recursive: true });
    const dir = fs.mkdtempSync(path.join(base, 'taizhang-shell-test-'));
    fs.mkdirSync(path.join(dir, 'renderer', 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>科创台账</title>');
    fs.writeFileSync(path.join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'secret');
    const userData = path.join(dir, 'userData');
    fs.mkdirSync(userData);
    const file = await bundleMain(dir);
    const fake = fakeElectron(userData);
    const saved = process.env.TAIZHANG_DB;
    if (env.TAIZHANG_DB === undefined) delete process.env.TAIZHANG_DB;
    else process.env.TAIZHANG_DB = env.TAIZHANG_DB;
    loadMain(file, fake.electron);
    fake.fireReady();
    // start() runs until the core's process has opened the database: a window, or an error box.
    for (let i = 0; i < 400 && fake.rec.windows.length === 0 && fake.rec.exitCodes.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    const cleanup = async () => {
      for (const fn of fake.rec.appEvents.get('will-quit') ?? []) fn();
      // The core's process closes the database and exits before its folder goes.
      await Promise.all(
        fake.rec.forks.map(({ child }) => (child.exitCode !== null || child.signalCode !== null ? null : new Promise((r) => child.once('exit', r)))),
      );
      if (saved === undefined) delete process.env.TAIZHANG_DB;
      else process.env.TAIZHANG_DB = saved;
      fs.rmSync(dir, { recursive: true, force: true });
    };
    return { ...fake, dir, userData, cleanup };
  }

  const eventFrom = (frame: object | null, senderId = 1) => ({ sender: { id: senderId, mainFrame: { processId: 1, routingId: 1 } }, senderFrame: frame });

  it('opens the database in userData, shows a secure window and serves calls only to our main frame', async () => {
    const t = await setUp();
    try {
      expect(t.rec.errorBoxes).toEqual([]);
      expect(fs.existsSync(path.join(t.userData, 'taizhang.db'))).toBe(true);
      expect(t.rec.privileged).toEqual([{ scheme: 'app', privileges: { ...APP_SCHEME_PRIVILEGES } }]);
      expect(t.rec.windows).toHaveLength(1);
      const prefs = t.rec.windows[0].options.webPreferences;
      expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
      expect(prefs.preload).toBe(path.join(t.dir, 'electron', 'preload.cjs'));
      expect(t.rec.windows[0].options).toMatchObject({ width: 1280, height: 800, minWidth: 1024, minHeight: 680, title: '科创台账', show: false });
      expect(t.rec.loaded).toEqual([APP_ENTRY_URL]);

      const call = t.rec.ipc.get(IPC_CALL_CHANNEL)!;
      const info = await call(eventFrom(t.mainFrame), 'app.info', {});
      expect(info).toMatchObject({ ok: true });
      expect(await call(eventFrom(t.mainFrame), 'no.such.method', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });

      const iframe = { processId: 1, routingId: 2, parent: t.mainFrame, url: 'app://taizhang/index.html' };
      const foreign = { ...t.mainFrame, url: 'https://evil.example/' };
      const otherFolder = { ...t.mainFrame, url: 'file:///tmp/evil/index.html' };
      for (const ev of [eventFrom(iframe), eventFrom(foreign), eventFrom(otherFolder), eventFrom(null), eventFrom(t.mainFrame, 2)]) {
        expect(await call(ev, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
      expect(warn).toHaveBeenCalledTimes(5);
      expect(await call(eventFrom(t.mainFrame), 42, {})).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    } finally {
      await t.cleanup();
    }
  });

  it('runs the core in its own process (core-host.cjs), relays calls and events, and survives that process dying', async () => {
    const t = await setUp();
    try {
      expect(t.rec.forks).toHaveLength(1);
      expect(t.rec.forks[0].modulePath).toBe(path.join(t.dir, 'electron', 'core-host.cjs'));
      expect(t.rec.forks[0].options.env.TAIZHANG_CORE_DB).toBe(path.join(t.userData, 'taizhang.db'));
      expect(t.rec.forks[0].child.pid).not.toBe(process.pid);
      const call = t.rec.ipc.get(IPC_CALL_CHANNEL)!;
      // A write in the core's process reaches the window as an event.
      expect(await call(eventFrom(t.mainFrame), 'operator.set', { name: '王芳' })).toEqual({ ok: true, value: { name: '王芳' } });
      for (let i = 0; i < 100 && !t.rec.sent.some((m) => m[1] === 'data.changed'); i++) await new Promise((r) => setTimeout(r, 20));
      expect(t.rec.sent).toContainEqual([IPC_EVENT_CHANNEL, 'data.changed', { planId: null, reason: 'operator' }]);
      // The process dies mid-way: the window gets a Chinese answer, and the next call starts a new one.
      t.rec.forks[0].child.kill('SIGKILL');
      await new Promise((r) => t.rec.forks[0].child.once('exit', r));
      const after = await call(eventFrom(t.mainFrame), 'operator.get', {});
      expect(after).toEqual({ ok: true, value: { name: '王芳' } });
      expect(t.rec.forks).toHaveLength(2);
    } finally {
      await t.cleanup();
    }
  });

  it('设置 → 服务器 keeps its password encrypted by safeStorage, through main, never in clear', async () => {
    const t = await setUp();
    try {
      const call = t.rec.ipc.get(IPC_CALL_CHANNEL)!;
      const password = '洪都-秘密-2022';
      const saved = await call(eventFrom(t.mainFrame), 'sync.configure', { server: '127.0.0.1:9', account: '洪都填报员', password });
      expect(saved).toMatchObject({ ok: true, value: { passwordStored: true, secrets: { kind: 'system' }, server: 'http://127.0.0.1:9' } });
      expect(t.rec.safeCalls).toEqual(['encrypt']);
      const db = new (createRequire(__filename)('better-sqlite3'))(path.join(t.userData, 'taizhang.db'), { readonly: true });
      const stored = db.prepare("SELECT value FROM settings WHERE key = 'sync.password.encrypted'").pluck().get() as string;
      const all = JSON.stringify(db.prepare('SELECT * FROM settings').all());
      db.close();
      expect(Buffer.from(stored, 'base64').toString()).toBe(`SAFE:${[...password].reverse().join('')}`);
      expect(all).not.toContain(password);
      // A sync decrypts it through main again (the server at port 9 is not there: queued, said in Chinese).
      await call(eventFrom(t.mainFrame), 'operator.set', { name: '王芳' });
      const run = await call(eventFrom(t.mainFrame), 'sync.run', {});
      expect(t.rec.safeCalls).toEqual(['encrypt', 'decrypt']);
      expect(run).toMatchObject({ ok: true, value: { ok: false, offline: true } });
    } finally {
      await t.cleanup();
    }
  });

  it('serves dist/renderer over app:// with the CSP and nothing outside it', async () => {
    const t = await setUp();
    try {
      const serve = t.rec.protocolHandlers.get('app')!;
      const index: Response = await serve({ url: 'app://taizhang/index.html', method: 'GET' });
      expect(index.status).toBe(200);
      expect(index.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
      expect(index.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await index.text()).toContain('科创台账');
      const js: Response = await serve({ url: 'app://taizhang/assets/app.js', method: 'GET' });
      expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
      for (const url of ['app://taizhang/../secret.txt', 'app://taizhang/..%2fsecret.txt', 'app://taizhang/assets/missing.js', 'app://other/index.html']) {
        const res: Response = await serve({ url, method: 'GET' });
        expect(res.status, url).toBe(404);
        expect(await res.text()).not.toContain('secret');
      }
      expect((await serve({ url: 'app://taizhang/index.html', method: 'POST' })).status).toBe(405);

      let headers: any;
      t.rec.headersHook!({ url: 'https://x/', responseHeaders: { 'Content-Security-Policy': ['default-src *'] } }, (r: any) => (headers = r.responseHeaders));
      expect(headers['Content-Security-Policy']).toEqual([contentSecurityPolicy()]);

      let granted: boolean | undefined;
      t.rec.permissionRequest!({}, 'media', (ok: boolean) => (granted = ok), { requestingUrl: APP_ENTRY_URL });
      expect(granted).toBe(false);
    } finally {
      await t.cleanup();
    }
  });

  it('blocks navigation and new windows, opening http(s) links in the system browser', async () => {
    const t = await setUp();
    try {
      const handlers = new Map<string, Handler>();
      let openHandler: Handler | null = null;
      const contents = { on: (name: string, fn: Handler) => handlers.set(name, fn), setWindowOpenHandler: (fn: Handler) => (openHandler = fn) };
      for (const fn of t.rec.appEvents.get('web-contents-created') ?? []) fn({}, contents);

      const nav = (name: string, url: string) => {
        let prevented = false;
        handlers.get(name)!({ url, preventDefault: () => (prevented = true) }, url);
        return prevented;
      };
      expect(nav('will-navigate', 'app://taizhang/index.html')).toBe(false);
      expect(nav('will-navigate', 'https://www.most.gov.cn/')).toBe(true);
      expect(nav('will-navigate', 'file:///etc/passwd')).toBe(true);
      expect(nav('will-frame-navigate', 'https://evil.example/')).toBe(true);
      expect(nav('will-redirect', 'https://evil.example/')).toBe(true);
      expect(openHandler!({ url: 'https://example.com/a' })).toEqual({ action: 'deny' });
      expect(openHandler!({ url: 'file:///C:/Windows/System32/calc.exe' })).toEqual({ action: 'deny' });
      expect(t.rec.opened).toEqual(['https://www.most.gov.cn/', 'https://example.com/a']);
    } finally {
      await t.cleanup();
    }
  });

  /** A download item as Electron hands it over: the page's URL and file name, and where the user saved it. */
  function downloadItem(url: string, fileName: string, savePath: string) {
    const item = {
      dialogOptions: [] as any[],
      cancelled: false,
      done: null as Handler | null,
      getURL: () => url,
      getFilename: () => fileName,
      setSaveDialogOptions: (o: any) => item.dialogOptions.push(o),
      once: (name: string, fn: Handler) => name === 'done' && (item.done = fn),
      cancel: () => (item.cancelled = true),
      getSavePath: () => savePath,
    };
    return item;
  }

  it('saves exported files through a dialog in 文档 and opens them if the user chooses 打开文件', async () => {
    const t = await setUp();
    try {
      const willDownload = t.rec.sessionEvents.get('will-download');
      expect(willDownload).toBeTypeOf('function');
      const saved = path.join(t.dir, '文档', '附件1 任务分解表.xlsx');
      fs.mkdirSync(path.dirname(saved));
      fs.writeFileSync(saved, 'xlsx bytes');
      const item = downloadItem('blob:app://taizhang/6f1c', '../../附件1 任务分解表.xlsx', saved);
      willDownload!({}, item);
      expect(item.cancelled).toBe(false);
      // The page's file name cannot climb out of the documents folder; the dialog keeps the kind of file.
      expect(item.dialogOptions[0].defaultPath).toBe(path.join(os.tmpdir(), '附件1 任务分解表.xlsx'));
      expect(item.dialogOptions[0].filters).toEqual([{ name: 'Excel 工作簿', extensions: ['xlsx'] }]);
      await item.done!({}, 'completed');
      expect(t.rec.messageBoxes.at(-1).buttons).toEqual(['打开文件', '打开所在文件夹', '关闭']);
      expect(t.rec.openedPaths).toEqual([saved]);
      await item.done!({}, 'cancelled');
      expect(t.rec.openedPaths).toHaveLength(1);
    } finally {
      await t.cleanup();
    }
  });

  it('打开文件 only for what Taizhang writes (.xlsx, .pdf, .docx, .tzpkg), saved as a plain file where the user chose', async () => {
    const t = await setUp();
    try {
      const willDownload = t.rec.sessionEvents.get('will-download')!;
      const folder = path.join(t.dir, 'chosen');
      fs.mkdirSync(folder);
      // Not our page's export, or not a kind of file Taizhang writes: cancelled before any dialog.
      for (const [url, name] of [
        ['blob:app://taizhang/1', '报表.exe'],
        ['blob:app://taizhang/2', '附件1.xlsx.bat'],
        ['blob:app://taizhang/3', '快捷方式.lnk'],
        ['https://evil.example/附件1.xlsx', '附件1.xlsx'],
        ['blob:https://evil.example/4', '附件1.xlsx'],
        ['file:///C:/Windows/System32/calc.exe', 'calc.xlsx'],
      ]) {
        const item = downloadItem(url, name, path.join(folder, name));
        willDownload({}, item);
        expect(item.cancelled, `${url} ${name}`).toBe(true);
        expect(item.dialogOptions).toEqual([]);
      }
      // The user renamed our export to a program's name in the dialog: only its folder is offered.
      const renamed = path.join(folder, '总结.bat');
      fs.writeFileSync(renamed, '@echo off');
      const item = downloadItem('blob:app://taizhang/5', '2022年工作总结.pdf', renamed);
      willDownload({}, item);
      expect(item.dialogOptions[0].filters).toEqual([{ name: 'PDF 文档', extensions: ['pdf'] }]);
      await item.done!({}, 'completed');
      expect(t.rec.messageBoxes.at(-1).buttons).toEqual(['打开所在文件夹', '关闭']);
      expect(t.rec.openedPaths).toEqual([]);
      expect(t.rec.shownInFolder).toEqual([renamed]);
      // A .tzpkg that is really a link to something else is not opened either.
      const link = path.join(folder, '洪都街道.tzpkg');
      fs.symlinkSync(renamed, link);
      const linked = downloadItem('blob:app://taizhang/6', '洪都街道.tzpkg', link);
      willDownload({}, linked);
      await linked.done!({}, 'completed');
      expect(t.rec.messageBoxes.at(-1).buttons).toEqual(['打开所在文件夹', '关闭']);
      expect(t.rec.openedPaths).toEqual([]);
      // A real data package is.
      const pkg = path.join(folder, '京山街道.tzpkg');
      fs.writeFileSync(pkg, '{}');
      const ours = downloadItem('blob:app://taizhang/7', '京山街道.tzpkg', pkg);
      willDownload({}, ours);
      await ours.done!({}, 'completed');
      expect(t.rec.openedPaths).toEqual([pkg]);
      // The summary as a Word document: saved with the Word filter, and opened in the system's word processor.
      const docx = path.join(folder, '2022年工作总结.docx');
      fs.writeFileSync(docx, 'PK');
      const word = downloadItem('blob:app://taizhang/8', '2022年工作总结.docx', docx);
      willDownload({}, word);
      expect(word.dialogOptions[0].filters).toEqual([{ name: 'Word 文档', extensions: ['docx'] }]);
      await word.done!({}, 'completed');
      expect(t.rec.openedPaths).toEqual([pkg, docx]);
    } finally {
      await t.cleanup();
    }
  });

  it('导出全部: one folder dialog in 文档, the core writes every file into a new folder there, 打开所在文件夹 after', async () => {
    const t = await setUp();
    try {
      const call = t.rec.ipc.get(IPC_CALL_CHANNEL)!;
      // The desktop starts empty: open the example, as the first-run screen's 打开示例 does.
      expect(await call(eventFrom(t.mainFrame), 'example.load', {})).toMatchObject({ ok: true });
      const plans = (await call(eventFrom(t.mainFrame), 'plans.list', {})).value as { id: number }[];
      const dir = (await call(eventFrom(t.mainFrame), 'units.directory', {})).value as { units: { id: number; name: string; parentId: number | null }[] };
      const district = dir.units.find((u) => u.name === '青云谱区')!;
      const streets = dir.units.filter((u) => u.parentId === district.id && !u.name.startsWith('区')).slice(0, 2);
      const request = { planId: plans[0].id, period: '2022-12', unitIds: streets.map((u) => u.id), formats: ['xlsx', 'package'], dir: '/etc' };

      // Cancelled: nothing written, nothing asked of the core.
      expect(await call(eventFrom(t.mainFrame), 'exchange.exportToFolder', request)).toEqual({ ok: true, value: { folder: null, files: [] } });
      expect(t.rec.openDialogs[0]).toMatchObject({ defaultPath: os.tmpdir(), properties: ['openDirectory', 'createDirectory'] });

      // Chosen: the page's own dir ('/etc') is ignored; the set goes into a new folder inside the chosen one.
      const chosen = path.join(t.dir, '下发');
      fs.mkdirSync(chosen);
      t.rec.openDialogAnswer = { canceled: false, filePaths: [chosen] };
      t.rec.messageBoxResponse = 0; // 打开所在文件夹
      const out = await call(eventFrom(t.mainFrame), 'exchange.exportToFolder', request);
      expect(out.ok).toBe(true);
      const folder = out.value.folder as string;
      expect(path.dirname(folder)).toBe(chosen);
      expect(path.basename(folder)).toBe('2022年青云谱区科技创新基础大提升工作要点_2022年1-12月_填报表和数据包');
      expect(fs.readdirSync(folder).sort()).toEqual(
        streets.flatMap((u) => [`${u.name}_2022年1-12月_填报表.xlsx`, `${u.name}_2022年1-12月_数据包.tzpkg`]).sort(),
      );
      for (let i = 0; i < 100 && t.rec.openedPaths.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(t.rec.messageBoxes.at(-1)).toMatchObject({ buttons: ['打开所在文件夹', '关闭'], message: `已写入 4 个文件：${path.basename(folder)}`, detail: folder });
      expect(t.rec.openedPaths).toEqual([folder]);
      // A request from anywhere else than our main frame never reaches the dialog.
      const before = t.rec.openDialogs.length;
      expect(await call(eventFrom({ ...t.mainFrame, url: 'https://evil.example/' }), 'exchange.exportToFolder', request)).toMatchObject({ ok: false });
      expect(t.rec.openDialogs.length).toBe(before);
    } finally {
      await t.cleanup();
    }
  }, 60_000);

  it('shows a Chinese error box and exits 1 when the database cannot be opened', async () => {
    const notADb = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-notadb-'));
    const bad = path.join(notADb, 'taizhang.db');
    fs.writeFileSync(bad, 'this is not an SQLite database, just text that is long enough to have a header');
    const t = await setUp({ TAIZHANG_DB: bad });
    try {
      expect(t.rec.exitCodes).toEqual([1]);
      expect(t.rec.errorBoxes).toHaveLength(1);
      const [title, message] = t.rec.errorBoxes[0];
      expect(title).toMatch(/科创台账/);
      expect(message).toMatch(/[\u4e00-\u9fff]/);
      expect(t.rec.windows).toHaveLength(0);
      expect(t.rec.ipc.size).toBe(0);
    } finally {
      await t.cleanup();
      fs.rmSync(notADb, { recursive: true, force: true });
    }
  });
  it('refuses a PostgreSQL TAIZHANG_DB with a Chinese error box and exit 1, starting no core', async () => {
    const t = await setUp({ TAIZHANG_DB: 'postgres://taizhang:se/cret@db.example:5432/taizhang' });
    try {
      expect(t.rec.exitCodes).toEqual([1]);
      expect(t.rec.errorBoxes).toHaveLength(1);
      expect(t.rec.errorBoxes[0][1]).toContain('桌面版只能使用数据库文件');
      expect(t.rec.errorBoxes[0][1]).not.toContain('cret');
      expect(t.rec.forks).toHaveLength(0);
      expect(t.rec.windows).toHaveLength(0);
    } finally {
      await t.cleanup();
    }
  });
});

describe('packaging and CI files', () => {
  const yaml = createRequire(path.join(root, 'package.json'))('js-yaml') as { load(text: string): any };
  const config = yaml.load(readSource('electron-builder.yml'));

  it('electron-builder.yml parses and keeps the agreed identity and targets', () => {
    expect(config).toMatchObject({
      appId: 'cn.taizhang.app',
      productName: 'Taizhang',
      executableName: 'taizhang',
      directories: { output: 'release' },
      nsis: { oneClick: false, allowToChangeInstallationDirectory: true, shortcutName: '科创台账', installerLanguages: ['zh_CN'] },
      linux: { category: 'Office' },
    });
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    const linuxTargets = Object.fromEntries(config.linux.target.map((t: any) => [t.target, t.arch]));
    expect(linuxTargets).toEqual({ deb: ['x64', 'arm64'], AppImage: ['x64', 'arm64'] });
    expect(config.linux.synopsis).toMatch(/[\u4e00-\u9fff]/);
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
  });

  it('packs dist/ without the dev-only Electron build and swaps in an Electron better-sqlite3', () => {
    expect(config.files).toContain('dist/**/*');
    expect(config.files).toContain('!dist/electron/node_modules{,/**/*}');
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**/*.node');
    // node_modules must never be rebuilt in place (it would break Node's copy).
    expect(config.npmRebuild).toBe(false);
    expect(fs.existsSync(path.join(root, config.afterPack))).toBe(true);
    expect(readSource(config.afterPack)).toMatch(/ensureElectronSqlite/);
    expect(readSource('package.json')).toMatch(/"main": "dist\/electron\/main\.cjs"/);
  });

  it('sets the Electron fuses at packaging, which the installed electron-builder and @electron/fuses flip as configured', async () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // A stand-in Electron binary: the fuse wire after its sentinel, in Electron's defaults (V1, 8 fuses:
    // RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on, asar integrity off, only-asar off,
    // browser V8 snapshot off, file:// privileges on).
    const requireHere = createRequire(path.join(root, 'package.json'));
    const { SENTINEL } = requireHere('@electron/fuses/dist/constants');
    const { getCurrentFuseWire, FuseV1Options } = requireHere('@electron/fuses');
    const { PlatformPackager } = requireHere('app-builder-lib');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-fuses-'));
    try {
      const exe = path.join(dir, 'Taizhang.exe');
      fs.writeFileSync(exe, Buffer.concat([Buffer.alloc(4096, 7), Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from('10110001'), Buffer.alloc(4096, 9)]));
      // electron-builder's own code path for the electronFuses option (platformPackager: generateFuseConfig → addElectronFuses).
      const fuseConfig = await PlatformPackager.prototype.generateFuseConfig.call({}, config.electronFuses);
      await PlatformPackager.prototype.addElectronFuses.call({ appInfo: { productFilename: 'Taizhang' } }, { appOutDir: dir, electronPlatformName: 'win32' }, fuseConfig);
      const wire = await getCurrentFuseWire(exe);
      const state = (option: string) => String.fromCharCode(wire[FuseV1Options[option]]);
      expect({
        RunAsNode: state('RunAsNode'),
        EnableCookieEncryption: state('EnableCookieEncryption'),
        EnableNodeOptionsEnvironmentVariable: state('EnableNodeOptionsEnvironmentVariable'),
        EnableNodeCliInspectArguments: state('EnableNodeCliInspectArguments'),
        EnableEmbeddedAsarIntegrityValidation: state('EnableEmbeddedAsarIntegrityValidation'),
        OnlyLoadAppFromAsar: state('OnlyLoadAppFromAsar'),
        LoadBrowserProcessSpecificV8Snapshot: state('LoadBrowserProcessSpecificV8Snapshot'),
        GrantFileProtocolExtraPrivileges: state('GrantFileProtocolExtraPrivileges'),
      }).toEqual({
        RunAsNode: '0',
        EnableCookieEncryption: '1',
        EnableNodeOptionsEnvironmentVariable: '0',
        EnableNodeCliInspectArguments: '0',
        EnableEmbeddedAsarIntegrityValidation: '1',
        OnlyLoadAppFromAsar: '1',
        LoadBrowserProcessSpecificV8Snapshot: '0', // left as Electron ships it
        GrantFileProtocolExtraPrivileges: '0',
      });
      // Nothing else in the binary changed.
      const bytes = fs.readFileSync(exe);
      expect(bytes.subarray(0, 4096).every((b) => b === 7)).toBe(true);
      expect(bytes.subarray(bytes.length - 4096).every((b) => b === 9)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('.ci/run is an executable strict bash script that installs and runs the tests', () => {
    const file = path.join(root, '.ci', 'run');
    const text = fs.readFileSync(file, 'utf8');
    expect(text.startsWith('#!/usr/bin/env bash')).toBe(true);
    expect(text).toMatch(/^set -euo pipefail$/m);
    expect(text).toMatch(/npm ci/);
    expect(text).toMatch(/npm test/);
    expect(text).toMatch(/chromium/);
    expect(text).toMatch(/fonts-noto-cjk/);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o111).not.toBe(0);
  });
});
