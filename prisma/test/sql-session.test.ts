import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvField } from '../src/sql-session.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

describe('SQL sessions (raw SQL + COPY in one transaction)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t?.drop());

  it('copies CSV with quotes, commas, newlines, empty strings and NULLs exactly', async () => {
    const values = ['plain', 'with "quotes"', 'a,b', 'two\nlines', '', null];
    const rows = await t.db.transaction(async (s) => {
      await s.query('CREATE TEMP TABLE t (n int, v text) ON COMMIT DROP');
      await s.copyCsv('t (n, v)', values.map((v, i) => `${i},${csvField(v)}\n`).join(''));
      return (await s.query<{ n: number; v: string | null }>('SELECT n, v FROM t ORDER BY n')).rows;
    });
    expect(rows.map((r) => r.v)).toEqual(values);
  });

  it('rolls everything back when the work fails', async () => {
    await expect(
      t.db.transaction(async (s) => {
        await s.query(`INSERT INTO staff (telegram_user_id, role) VALUES (424242, 'admin')`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const left = await t.db.prisma.staff.findUnique({ where: { telegramUserId: 424242n } });
    expect(left).toBeNull();
  });

  it('reports affected row counts', async () => {
    const n = await t.db.transaction(async (s) => {
      const r = await s.query(
        `INSERT INTO staff (telegram_user_id, role, updated_at)
         VALUES (1001, 'admin', now()), (1002, 'manager', now()) ON CONFLICT DO NOTHING`,
      );
      return r.rowCount;
    });
    expect(n).toBe(2);
  });
});
