// Which encoding an export is in, from its bytes: the byte order marks, UTF-16 without one,
// UTF-8, and Windows-1251 (Russian) told from Windows-1252 (German, French) by its letters.
import { describe, expect, it } from 'vitest';
import { detectEncoding } from '../src/import/encoding.ts';

const cp1251 = (text: string) => {
  const table = new TextDecoder('windows-1251');
  const byChar = new Map<string, number>();
  for (let b = 0; b < 256; b++) byChar.set(table.decode(Uint8Array.of(b)), b);
  return Buffer.from([...text].map((c) => byChar.get(c) ?? 0x3f));
};
const cp1252 = (text: string) => Buffer.from(text, 'latin1');

describe('detecting an export’s encoding', () => {
  it('reads byte order marks and UTF-16 without one', () => {
    expect(detectEncoding(Buffer.from('\ufeffDate;Sum\n', 'utf8')).encoding).toBe('utf-8');
    expect(detectEncoding(Buffer.from('\ufeffDate\tSum\r\n', 'utf16le'))).toEqual({
      encoding: 'utf-16le',
      by: 'byte order mark',
    });
    expect(detectEncoding(Buffer.from('Order ID\tCustomer\tDate\r\n', 'utf16le'))).toEqual({
      encoding: 'utf-16le',
      by: 'zero bytes',
    });
    const be = Buffer.from('Order ID\tDate\r\n', 'utf16le').swap16();
    expect(detectEncoding(be).encoding).toBe('utf-16be');
  });

  it('takes valid UTF-8 as UTF-8, Russian in Windows-1251 as 1251, German and French as 1252', () => {
    expect(
      detectEncoding(Buffer.from('Дата;Клиент;Сумма\n05.08.2025;Иванова Мария;1 234,56\n')),
    ).toEqual({ encoding: 'utf-8', by: 'valid UTF-8' });
    const russian =
      'Документ;Контрагент;Номенклатура;Количество;Сумма\nРеализация;ООО «СтройДом»;Цемент;40;24 800,00\n';
    expect(detectEncoding(cp1251(russian))).toEqual({ encoding: 'windows-1251', by: 'letters' });
    const german =
      'Kunde;Straße;Ort;Betrag\nMüller;Hauptstraße 5;München;1.234,56\nSchäfer;Gärtnerweg 2;Köln;99,00\nJürgen Böhm;Bäckerstraße 9;Düsseldorf;12,00\nGroß;Fußweg 1;Lübeck;5,00\n';
    expect(detectEncoding(cp1252(german)).encoding).toBe('windows-1252');
    const french =
      'Client;Ville;Montant\nAndré Lefèvre;Besançon;12,50\nCécile Dupré;Orléans;8,00\nFrançois;Nîmes;3,20\n';
    expect(detectEncoding(cp1252(french)).encoding).toBe('windows-1252');
  });
});
