/**
 * A returned file → what it says (ParsedReturn): a 填报表 workbook or a
 * 回报数据包, told apart by their first bytes. Runs in the file worker
 * (electron/core/jobs/fileJob.ts): a return is a file from outside.
 */
import { readReturnPackage } from './package';
import { NotAnExchangeFile, type ParsedReturn } from './parsed';
import { readReturnWorkbook } from './readWorkbook';

const isZip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b;

export async function parseReturn(bytes: Buffer, fileName: string): Promise<ParsedReturn> {
  if (bytes.length === 0) throw new NotAnExchangeFile(`“${fileName}”是空文件。`);
  if (isZip(bytes)) return readReturnWorkbook(bytes, fileName);
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf) {
    throw new NotAnExchangeFile(`“${fileName}”是旧版 .xls 或加密的文件。请在 Excel/WPS 中“另存为 .xlsx”（不加密码）后再载入。`);
  }
  return readReturnPackage(bytes, fileName);
}

