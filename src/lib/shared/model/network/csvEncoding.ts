/**
 * The text of a CSV file as people save it: UTF-8 with or without a BOM (LibreOffice, Excel's
 * «CSV UTF-8»), UTF-16 with a BOM (Excel's «Unicode text»), or Windows-1251, which Russian Excel
 * writes for a plain «CSV (разделители — точка с запятой)». Read as UTF-8, a Windows-1251 file
 * is mojibake and its «Название» column is not found; bytes that are not valid UTF-8 are the
 * tell, since Cyrillic in Windows-1251 almost never forms valid UTF-8 sequences.
 */
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251';

export function detectCsvEncoding(bytes: Uint8Array): CsvEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return 'windows-1251';
  }
}

/** The file's text in its detected encoding, without a byte-order mark. */
export function decodeCsv(bytes: Uint8Array): string {
  // TextDecoder drops the BOM of the encoding it is given.
  return new TextDecoder(detectCsvEncoding(bytes)).decode(bytes);
}
