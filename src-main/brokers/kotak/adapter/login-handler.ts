/**
 * Kotak's daily login behind the app's login hooks (secrets/login-hooks.ts): the
 * trader types the TOTP their authenticator shows, or — if they stored the TOTP secret
 * in Settings — the terminal computes it; the stored MPIN completes the login, and
 * the session (trade token, sid, per-user base URL, end of day) is saved encrypted
 * through the store. Every failure is a KotakLoginError with a sentence for the
 * prompt; nothing secret is put in a message.
 */
import type { BrokerLoginHandler, LoginInput } from '../../../secrets/login-hooks';
import type { SecretStore } from '../../../secrets/secret-store';
import { KotakLoginError, kotakLogin, sessionFields, type KotakSession, type LoginOptions } from './session';
import { totpFromSecret } from './totp';

export interface KotakLoginHandlerOptions extends Omit<LoginOptions, 'now'> {
  clock?: () => number;
  /** Told of every new session (the broker drops its cached one, the notice is cleared). */
  onLogin?: (accountId: string, session: KotakSession) => void;
}

export class KotakLoginHandler implements BrokerLoginHandler {
  readonly broker = 'kotak' as const;
  readonly input = 'totp' as const;

  constructor(private readonly options: KotakLoginHandlerOptions = {}) {}

  loginUrl(): null {
    return null; // Kotak's login is an API exchange; there is no page for the trader to open.
  }

  async completeLogin(accountId: string, input: LoginInput, store: SecretStore): Promise<void> {
    const credentials = await store.load('kotak', accountId);
    if (!credentials) throw new KotakLoginError('credentials', `No Kotak account "${accountId}" is stored; add it in Settings first.`);
    const f = credentials.fields;
    const missing = (['consumerKey', 'mobile', 'ucc', 'mpin'] as const).filter((k) => !f[k]);
    if (missing.length > 0) throw new KotakLoginError('credentials', `The Kotak account is missing ${missing.join(', ')}; complete it in Settings.`);
    const now = (this.options.clock ?? Date.now)();
    const totp = this.#totp(input, f.totpSecret, now);
    const { clock: _clock, onLogin, ...login } = this.options;
    const session = await kotakLogin(
      { consumerKey: f.consumerKey as string, mobile: f.mobile as string, ucc: f.ucc as string, mpin: f.mpin as string },
      totp,
      { ...login, now },
    );
    await store.save({ ...credentials, fields: { ...f, ...sessionFields(session) } });
    onLogin?.(accountId, session);
  }

  #totp(input: LoginInput, secret: string | undefined, now: number): string {
    const typed = input.totp?.trim();
    if (typed) return typed;
    if (!secret) throw new KotakLoginError('totp', 'Type the 6-digit TOTP from your authenticator app (no TOTP secret is stored).');
    const code = totpFromSecret(secret, now);
    if (code === null) throw new KotakLoginError('totp', 'The stored TOTP secret is not valid base32; enter it again in Settings.');
    return code;
  }
}
