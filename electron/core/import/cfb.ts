/**
 * The stream names of an OLE compound file (CFB, MS-CFB), read from its
 * directory sectors. A password-protected .xlsx or .docx, an old .xls and an
 * old .doc (or a WPS .wps) are all compound files and all start D0 CF 11 E0;
 * only the names inside tell them apart: an encrypted OOXML package holds
 * "EncryptionInfo" and "EncryptedPackage", a 97-2003 workbook "Workbook" (or
 * "Book" for Excel 5), a 97-2003 Word document "WordDocument" — whose FIB
 * says whether it is password-protected (fEncrypted, MS-DOC 2.5.2).
 * Reads defensively: a damaged or truncated file gives the names it could
 * reach (possibly none), never an exception or an endless loop.
 */

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** Sector numbers at or above this are markers (FREESECT, ENDOFCHAIN, FATSECT, DIFSECT), not sectors. */
const MAX_REGULAR_SECTOR = 0xfffffffa;
const HEADER_DIFAT_ENTRIES = 109;
const DIRECTORY_ENTRY = 128;
/** Enough for any real workbook's directory; stops a loop in a corrupt FAT. */
const MAX_DIRECTORY_SECTORS = 4096;

export function isCompoundFile(bytes: Uint8Array): boolean {
  return bytes.length >= SIGNATURE.length && SIGNATURE.every((v, i) => bytes[i] === v);
}

interface DirectoryEntry {
  name: string;
  /** First sector of a stream (regular sectors: streams of 4096 bytes and more). */
  start: number;
  size: number;
}

/** Names of the storages and streams in the directory, in directory order; null when the header is not a CFB header. */
export function compoundFileNames(bytes: Buffer): string[] | null {
  return directory(bytes)?.entries.map((e) => e.name) ?? null;
}

function directory(bytes: Buffer): { entries: DirectoryEntry[]; sectorAt: (sector: number) => number | null } | null {
  if (bytes.length < 512 || !isCompoundFile(bytes)) return null;
  const shift = bytes.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) return null;
  const size = 1 << shift;
  const perSector = size / 4;
  // The header's own 512 bytes are followed by sector 0 (a 4096-byte-sector file pads its header to 4096).
  const offsetOf = (sector: number) => (sector + 1) * size;
  const fits = (offset: number, length: number) => offset >= 0 && offset + length <= bytes.length;

  const fatSectors: number[] = [];
  for (let i = 0; i < HEADER_DIFAT_ENTRIES; i++) {
    const v = bytes.readUInt32LE(0x4c + 4 * i);
    if (v < MAX_REGULAR_SECTOR) fatSectors.push(v);
  }
  let difat = bytes.readUInt32LE(0x44);
  for (let guard = 0; difat < MAX_REGULAR_SECTOR && guard < MAX_DIRECTORY_SECTORS; guard++) {
    const at = offsetOf(difat);
    if (!fits(at, size)) break;
    for (let j = 0; j < perSector - 1; j++) {
      const v = bytes.readUInt32LE(at + 4 * j);
      if (v < MAX_REGULAR_SECTOR) fatSectors.push(v);
    }
    difat = bytes.readUInt32LE(at + size - 4);
  }
  const nextSector = (sector: number): number => {
    const fat = fatSectors[Math.floor(sector / perSector)];
    if (fat === undefined) return MAX_REGULAR_SECTOR;
    const at = offsetOf(fat) + (sector % perSector) * 4;
    return fits(at, 4) ? bytes.readUInt32LE(at) : MAX_REGULAR_SECTOR;
  };

  const entries: DirectoryEntry[] = [];
  const seen = new Set<number>();
  let sector = bytes.readUInt32LE(0x30);
  while (sector < MAX_REGULAR_SECTOR && !seen.has(sector) && seen.size < MAX_DIRECTORY_SECTORS) {
    seen.add(sector);
    const at = offsetOf(sector);
    if (!fits(at, size)) break;
    for (let e = 0; e < size / DIRECTORY_ENTRY; e++) {
      const entry = at + e * DIRECTORY_ENTRY;
      const type = bytes[entry + 66];
      // 1 storage, 2 stream (5 is the root entry, 0 an unused slot).
      if (type !== 1 && type !== 2) continue;
      const length = bytes.readUInt16LE(entry + 64); // bytes, with the terminating NUL
      if (length < 2 || length > 64 || length % 2) continue;
      entries.push({ name: bytes.toString('utf16le', entry, entry + length - 2), start: bytes.readUInt32LE(entry + 116), size: bytes.readUInt32LE(entry + 120) });
    }
    sector = nextSector(sector);
  }
  return { entries, sectorAt: (s) => (s < MAX_REGULAR_SECTOR && fits(offsetOf(s), size) ? offsetOf(s) : null) };
}

export type CompoundFileKind = 'encrypted' | 'xls' | 'doc' | 'encryptedDoc' | 'other' | 'unreadable';

/** Streams below this size live in the mini stream (MS-CFB); a Word document's main stream is larger. */
const MINI_STREAM_CUTOFF = 4096;
/** FIB flags (MS-DOC FibBase at offset 0x0A): fEncrypted, and fObfuscated (XOR obfuscation, also behind a password). */
const FIB_ENCRYPTED = 0x0100;
const FIB_OBFUSCATED = 0x8000;
const FIB_IDENT = 0xa5ec;

/** What a compound file is, by the names inside it (and, for a Word document, its FIB's password flag). */
export function compoundFileKind(bytes: Buffer): CompoundFileKind {
  const dir = directory(bytes);
  const entries = dir?.entries ?? [];
  const names = entries.map((e) => e.name.toLowerCase());
  if (names.includes('encryptioninfo') || names.includes('encryptedpackage')) return 'encrypted';
  if (names.includes('workbook') || names.includes('book')) return 'xls';
  const word = entries.find((e) => e.name === 'WordDocument');
  if (word && dir) {
    const at = word.size >= MINI_STREAM_CUTOFF ? dir.sectorAt(word.start) : null;
    if (at !== null && bytes.readUInt16LE(at) === FIB_IDENT && bytes.readUInt16LE(at + 0x0a) & (FIB_ENCRYPTED | FIB_OBFUSCATED)) return 'encryptedDoc';
    return 'doc';
  }
  return names.length ? 'other' : 'unreadable';
}

/** Where a Word document's FIB flags are in the file (tests that make a password-protected .doc flip the bit there). */
export function wordFibOffset(bytes: Buffer): number | null {
  const dir = directory(bytes);
  const word = dir?.entries.find((e) => e.name === 'WordDocument');
  if (!dir || !word || word.size < MINI_STREAM_CUTOFF) return null;
  const at = dir.sectorAt(word.start);
  return at === null ? null : at + 0x0a;
}
