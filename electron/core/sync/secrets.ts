/**
 * Where 设置 → 服务器 keeps its password. The desktop app encrypts it with
 * the system's credential store (Electron's safeStorage: DPAPI on Windows,
 * the keychain on macOS, the secret service/kwallet on Linux), which only
 * Electron's main process can reach: the core's process asks main for it
 * (electron/coreProcess/, electron/secretRelay.ts). Only the encrypted bytes
 * are kept, in the settings table. Where there is no such store (the CLI,
 * `npm run web`, a Linux without a keyring) the password is never stored: it
 * is given for each sync (the window asks, `taizhang sync --password-stdin`).
 */
import { ApiError } from '../../../shared/api/errors';
import type { SecretPlace } from '../../../shared/sync/views';

export interface SecretStore {
  readonly place: SecretPlace;
  /** base64 of the encrypted text; only when place.kind is 'system'. */
  encrypt(text: string): Promise<string>;
  decrypt(stored: string): Promise<string>;
}

export const NO_SECRET_STORE: SecretStore = {
  place: { kind: 'none', text: '本机没有可用的系统凭据存储，密码不保存：每次同步时输入（命令行用 --password-stdin）。' },
  encrypt: () => Promise.reject(new ApiError('bad_request', '本机没有可用的系统凭据存储，密码不能保存。')),
  decrypt: () => Promise.reject(new ApiError('bad_request', '本机没有可用的系统凭据存储，保存的密码无法读取，请重新输入。')),
};

export const SYSTEM_SECRET_PLACE: SecretPlace = {
  kind: 'system',
  text: '密码经系统凭据存储加密后保存在本机（Windows 数据保护 / 钥匙串 / 密钥环），数据库中没有明文。',
};
