/**
 * Connections for the SQL console, logged in as tickdesk_console (migration
 * 0011): an ordinary role, so nothing inside a query can win back superuser
 * rights, which a session logged in as the superuser always could.
 *
 * Its password is random, made at first use and held only in this object;
 * the server is given the SCRAM verifier, never the password, so not even
 * the server's log could show it. A changed password (another app instance,
 * a restored backup) is reset once on a failed login.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseService } from '../db/service';
import type { Logger } from '../log';

export const CONSOLE_LOGIN_ROLE = 'tickdesk_console';
const INVALID_PASSWORD = '28P01';
const SCRAM_ITERATIONS = 4096;

/** The SCRAM-SHA-256 verifier PostgreSQL stores for a password (RFC 5802 / 7677). */
export function scramVerifier(password: string, salt: Buffer = randomBytes(16), iterations = SCRAM_ITERATIONS): string {
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/** Every value comes back as PostgreSQL's own text: the console shows it, it does not compute with it. */
const textTypes: pg.CustomTypesConfig = {
  getTypeParser: (() => (value: string) => value) as unknown as pg.CustomTypesConfig['getTypeParser'],
};

export interface ConsoleLogin {
  /** A fresh, connected client as tickdesk_console; the caller ends it. */
  connect(): Promise<pg.Client>;
}

export function createConsoleLogin(db: DatabaseService, log: Logger): ConsoleLogin {
  // base64url: no quote can reach the ALTER ROLE literal below.
  const password = randomBytes(24).toString('base64url');
  let passwordSet: Promise<void> | null = null;

  const setPassword = () => {
    passwordSet ??= db
      .pool()
      .query(`ALTER ROLE ${CONSOLE_LOGIN_ROLE} PASSWORD '${scramVerifier(password)}'`)
      .then(() => undefined)
      .catch((error: unknown) => {
        passwordSet = null;
        throw error;
      });
    return passwordSet;
  };

  const open = async (): Promise<pg.Client> => {
    const url = new URL(db.connectionUrl());
    const client = new pg.Client({
      host: url.hostname,
      port: Number(url.port),
      database: decodeURIComponent(url.pathname.slice(1)),
      user: CONSOLE_LOGIN_ROLE,
      password,
      application_name: 'tickdesk console',
      connectionTimeoutMillis: 5_000,
      types: textTypes,
    });
    // A dropped connection must not crash main with an unlistened 'error'.
    client.on('error', (error) => log.warn('a console connection was dropped', { error: error.message }));
    try {
      await client.connect();
      return client;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  };

  return {
    async connect() {
      await setPassword();
      try {
        return await open();
      } catch (error) {
        if ((error as { code?: unknown }).code !== INVALID_PASSWORD) throw error;
        log.warn('the console login was refused; setting its password again');
        passwordSet = null;
        await setPassword();
        return open();
      }
    },
  };
}
