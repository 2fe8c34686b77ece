/**
 * The password of 设置 → 服务器 is encrypted with Electron's safeStorage
 * (DPAPI on Windows, the keychain on macOS, the secret service/kwallet on
 * Linux). Only Electron's main process can reach safeStorage; the core runs in
 * its own process, so it asks main over their channel (coreProcess/protocol.ts
 * 'secret' messages) and main answers here. Main never sees or keeps the
 * password beyond the one call, and never writes it anywhere.
 *
 * Where the system has no usable store (a Linux without a keyring falls back
 * to a fixed key: safeStorage.getSelectedStorageBackend() 'basic_text'), the
 * store counts as absent and the password is not kept at all.
 */
import type { SecretPlace } from '../shared/sync/views';
import { SYSTEM_SECRET_PLACE } from './core/sync/secrets';

/** What we use of Electron's safeStorage. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(data: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export type SecretRequest = { op: 'place' } | { op: 'encrypt'; text: string } | { op: 'decrypt'; stored: string };
export type SecretAnswer = { ok: true; value: string | SecretPlace } | { ok: false; message: string };

export function storeAvailable(safe: SafeStorageLike | null | undefined): boolean {
  if (!safe || !safe.isEncryptionAvailable()) return false;
  // On Linux without a keyring Electron "encrypts" with a hard-coded key: that is not a credential store.
  return safe.getSelectedStorageBackend?.() !== 'basic_text';
}

export function answerSecret(safe: SafeStorageLike | null | undefined, req: SecretRequest): SecretAnswer {
  if (req.op === 'place') return { ok: true, value: storeAvailable(safe) ? SYSTEM_SECRET_PLACE : { kind: 'none', text: '' } };
  if (!storeAvailable(safe)) return { ok: false, message: '本机没有可用的系统凭据存储，密码不保存，请在同步时输入。' };
  try {
    if (req.op === 'encrypt') return { ok: true, value: safe!.encryptString(req.text).toString('base64') };
    return { ok: true, value: safe!.decryptString(Buffer.from(req.stored, 'base64')) };
  } catch {
    return {
      ok: false,
      message: req.op === 'decrypt' ? '保存的服务器密码无法解密（系统账户或密钥环已变化），请在“设置 → 服务器”中重新填写密码。' : '系统凭据存储拒绝了加密，密码未保存。',
    };
  }
}
