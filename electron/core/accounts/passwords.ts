/**
 * Passwords, kept only as salted scrypt hashes (Node's crypto.scrypt, a
 * memory-hard function), with their parameters stored beside the hash so they
 * can be raised later without breaking stored ones:
 *
 *   scrypt:<N>:<r>:<p>:<salt, base64>:<hash, base64>
 *
 * Hashing runs on libuv's thread pool (the async scrypt), never on the thread
 * that answers requests. A password is never stored, logged or returned.
 */
import crypto from 'node:crypto';

/** N = 2^15, r = 8, p = 1: about 32 MB and a few tens of ms a hash on an office server. */
const PARAMS = { N: 32768, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** Room for N = 2^17 hashes stored by a later version (128 × N × r bytes) and Node's own overhead. */
const MAX_MEM = 256 * 1024 * 1024;

function scrypt(password: string, salt: Buffer, keylen: number, opts: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    crypto.scrypt(password.normalize('NFC'), salt, keylen, { ...opts, maxmem: MAX_MEM }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(SALT_BYTES);
  const key = await scrypt(password, salt, KEY_BYTES, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join(':');
}

interface Parsed {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function parse(stored: string): Parsed | null {
  const parts = stored.split(':');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 1 << 20 || r > 64 || p > 16) return null;
  const salt = Buffer.from(parts[4], 'base64');
  const key = Buffer.from(parts[5], 'base64');
  if (salt.length < 8 || key.length < 16) return null;
  return { N, r, p, salt, key };
}

/** True when the password matches the stored hash (compared in constant time); false for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await scrypt(password, parsed.salt, parsed.key.length, parsed);
  return crypto.timingSafeEqual(key, parsed.key);
}

let dummy: Promise<string> | null = null;

/**
 * Spends the time of one verification on a name that has no account, so the
 * answer's timing does not tell which names exist.
 */
export async function verifyNobody(password: string): Promise<false> {
  dummy ??= hashPassword('taizhang-no-such-account');
  await verifyPassword(password, await dummy);
  return false;
}
