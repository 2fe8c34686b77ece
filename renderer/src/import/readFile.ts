/** A dropped or chosen file → base64 for the API request (the browser door cannot send a path). */
import { IMPORT_MAX_BYTES, tooLargeMessage } from '../../../shared/import/limits';

export async function fileToBase64(file: File): Promise<string> {
  if (file.size > IMPORT_MAX_BYTES) throw new Error(tooLargeMessage(file.name, file.size));
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const CHUNK = 0x8000; // String.fromCharCode takes a limited number of arguments
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}
