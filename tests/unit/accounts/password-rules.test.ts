import Database from 'better-sqlite3';
import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deferCleanup } from '../helpers/cleanup.ts';
import { ApiServer, PASSWORD } from './apiServer.ts';

/** A hash as the previous version made it: scrypt N=2^15, r=8, p=1. */
function oldHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFC'), salt, 32, {
    N: 2 ** 15,
    r: 8,
    p: 1,
    maxmem: 64 * 1024 * 1024
  });
  return ['scrypt', 2 ** 15, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
}

describe('password rules', () => {
  const defer = deferCleanup();

  it('PWD1 common, blank and guessable passwords are refused with the reason; a strong one is taken', async () => {
    const api = await ApiServer.start(defer);
    const register = (password: string, email = 'irina@dk-yunost.example') =>
      api.client().post('/api/auth/register', { email, password, displayName: 'Ирина Соколова' });

    const refusals: [string, string][] = [
      ['password', 'password_common'],
      ['12345678', 'password_common'],
      ['        ', 'password_blank'],
      ['пароль123', 'password_common'],
      ['йцукенгшщз', 'password_common'],
      ['aaaaaaaaaaaa', 'password_guessable'],
      ['irina@dk-yunost.example', 'password_personal'],
      ['ИринаСоколова', 'password_personal']
    ];
    for (const [password, code] of refusals) {
      const res = await register(password);
      expect([password, res.status, res.json.error]).toEqual([password, 400, code]);
      expect(res.json.message.length).toBeGreaterThan(20);
    }
    // Nothing was created by the refusals: the same e-mail registers with a good password.
    const ok = await register('Сирень-цветёт-в-мае-1987');
    expect(ok.status).toBe(202);
  });

  it('PWD2 a hash made with the older scrypt cost is replaced at the next sign-in, and signing in goes on working', async () => {
    const api = await ApiServer.start(defer);
    const person = await api.person('Олег Смирнов');
    const db = new Database(api.accountsFile);
    defer(() => db.close());
    db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(oldHash(PASSWORD), person.id);
    const stored = () =>
      (
        db.prepare('SELECT password_hash FROM users WHERE id = ?').get(person.id) as {
          password_hash: string;
        }
      ).password_hash;
    expect(stored()).toMatch(/^scrypt\$32768\$8\$1\$/);

    const login = () =>
      api.client().post('/api/auth/login', { email: person.email, password: PASSWORD });
    expect((await login()).status).toBe(200);
    expect(stored()).toMatch(/^scrypt\$32768\$8\$3\$/);
    const upgraded = stored();
    expect((await login()).status).toBe(200);
    // Already current: not hashed again.
    expect(stored()).toBe(upgraded);
    const wrong = await api
      .client()
      .post('/api/auth/login', { email: person.email, password: 'не тот пароль' });
    expect(wrong.status).toBe(401);
  });
});
