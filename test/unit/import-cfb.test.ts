/**
 * Telling an encrypted .xlsx from an old .xls or .doc: all are compound files (CFB);
 * the stream names in the directory sectors decide. Damaged files give what
 * could be read, never an exception or a hang.
 */
import { describe, expect, it } from 'vitest';
import { compoundFileKind, compoundFileNames, isCompoundFile } from '../../electron/core/import/cfb';
import { compoundFile } from '../fixtures/import/make-fixtures';

describe('compound file directory', () => {
  it('reads the stream names of a minimal CFB', () => {
    const encrypted = compoundFile(['EncryptionInfo', 'EncryptedPackage']);
    expect(isCompoundFile(encrypted)).toBe(true);
    expect(compoundFileNames(encrypted)).toEqual(['EncryptionInfo', 'EncryptedPackage']);
    expect(compoundFileKind(encrypted)).toBe('encrypted');
    expect(compoundFileKind(compoundFile(['Workbook', '\u0005SummaryInformation']))).toBe('xls');
    expect(compoundFileKind(compoundFile(['Book']))).toBe('xls');
    // A Word 97-2003 document (or WPS's .wps): converted to .docx by LibreOffice before reading.
    expect(compoundFileKind(compoundFile(['WordDocument', '1Table']))).toBe('doc');
    expect(compoundFileKind(compoundFile(['PowerPoint Document', 'Current User']))).toBe('other');
  });

  it('a name merely present as bytes outside the directory does not count', () => {
    // The old hand-built fixture: a CFB signature and "EncryptionInfo" written at a random offset, no directory.
    const fake = Buffer.alloc(1536, 0);
    compoundFile([]).copy(fake, 0, 0, 8);
    fake.write('EncryptionInfo', 600, 'utf16le');
    expect(compoundFileNames(fake)).toBeNull(); // no valid sector shift: not a CFB header
    expect(compoundFileKind(fake)).toBe('unreadable');
  });

  it('truncated or looping files end with what could be read', () => {
    const whole = compoundFile(['EncryptionInfo', 'EncryptedPackage']);
    expect(compoundFileKind(whole.subarray(0, 700))).toBe('unreadable');
    const looping = Buffer.from(whole);
    looping.writeUInt32LE(1, 512 + 4); // the directory sector's FAT entry points at itself
    expect(compoundFileNames(looping)).toEqual(['EncryptionInfo', 'EncryptedPackage']);
    const wild = Buffer.from(whole);
    wild.writeUInt32LE(0x7fffffff, 0x30); // first directory sector far beyond the end
    expect(compoundFileNames(wild)).toEqual([]);
  });
});
