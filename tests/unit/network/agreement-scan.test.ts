import { describe, expect, it } from 'vitest';
import { decodeScan, encodeScan } from '../../../src/lib/shared/model/network/agreementScan.ts';

describe('agreement scan', () => {
  it('NW23 a scan names its file by hash and reads back; free text and malformed values read as no file', () => {
    const file = {
      hash: 'b'.repeat(64),
      name: 'Договор 7-2026.pdf',
      type: 'application/pdf',
      size: 1234
    };
    const stored = encodeScan(file);
    expect(stored.length).toBeLessThanOrEqual(500);
    expect(decodeScan(stored)).toEqual(file);
    expect(decodeScan('Папка «Договоры», лист 3')).toBeNull();
    expect(decodeScan('file:not json')).toBeNull();
    expect(decodeScan(`file:["${'z'.repeat(64)}","application/pdf",1,"x"]`)).toBeNull();
    expect(decodeScan(`file:["${'b'.repeat(64)}","application/pdf",-1,"x"]`)).toBeNull();
    expect(encodeScan({ ...file, name: 'я'.repeat(1000) }).length).toBeLessThanOrEqual(500);
  });
});
