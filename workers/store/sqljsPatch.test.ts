import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';

/**
 * The sql.js patch also binds long strings with one TextEncoder call (sql.js walks them three times
 * in JavaScript) and reads a blob with one copy (sql.js copies it a byte at a time). What SQLite
 * stores and what is read back must not change.
 */
describe('the sql.js patch: strings and blobs', () => {
  const hexOf = (s: string) => Buffer.from(s, 'utf8').toString('hex').toUpperCase();

  it('stores a bound string as its UTF-8 bytes, short or long, ASCII or not', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    const cases = [
      'short',
      'a'.repeat(64),
      'a'.repeat(65),
      '{"key":"value"}'.repeat(300),
      'é中ß–'.repeat(40),
      `${'x'.repeat(70)}\u0000after a NUL`,
      `${'emoji 🙂 pairs '.repeat(10)}`,
    ];
    for (const s of cases) {
      const [row] = db.exec('SELECT ? AS s, hex(?) AS h', [s, s])[0]!.values;
      expect(row![0]).toBe(s);
      expect(row![1]).toBe(hexOf(s));
    }
    db.close();
  });

  it('stores a lone surrogate the way sql.js always has, whatever the length', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    const hex = (s: string) => db.exec('SELECT hex(?)', [s])[0]!.values[0]![0] as string;
    // sql.js writes the surrogate's code unit as three bytes (ED A0 80); long strings keep that.
    expect(hex('\ud800')).toBe('EDA080');
    expect(hex(`\ud800${'b'.repeat(100)}`)).toBe(`EDA080${'62'.repeat(100)}`);
    db.close();
  });

  it('reads a blob back byte for byte', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    db.run('CREATE TABLE b (x BLOB)');
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 131 + 7) & 0xff);
    db.run('INSERT INTO b VALUES (?), (?)', [bytes, new Uint8Array(0)]);
    const st = db.prepare('SELECT x FROM b ORDER BY rowid');
    expect(st.step()).toBe(true);
    const got = st.get()[0] as Uint8Array;
    expect(got).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(got).equals(Buffer.from(bytes))).toBe(true);
    expect(st.step()).toBe(true);
    expect((st.get()[0] as Uint8Array).length).toBe(0);
    st.free();
    db.close();
  });
});
