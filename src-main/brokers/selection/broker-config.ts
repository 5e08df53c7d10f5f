/**
 * Which broker the OMS trades on, with which stored account, and where each real
 * broker's endpoints are. Defaults are the brokers' documented production endpoints;
 * tests (and a trader behind a proxy) point them elsewhere. Validated with zod so a
 * typo on the command line is one clear sentence, not a stack trace at the first order.
 */
import { z } from 'zod';
import { KOTAK_LOGIN_URL } from '../kotak/adapter/session';
import { HSM_PRODUCTION_URL } from '../kotak/hsm/hsm-protocol';

export const KITE_REST_ROOT = 'https://api.kite.trade';
export const KITE_WS_URL = 'wss://ws.kite.trade';
export const KOTAK_HSM_URL = HSM_PRODUCTION_URL;

export const brokerKindSchema = z.enum(['paper', 'kite', 'kotak']);
export type BrokerKind = z.infer<typeof brokerKindSchema>;

const endpoint = (what: string, protocols: readonly string[]) =>
  z.string().refine((text) => {
    try {
      return protocols.includes(new URL(text).protocol);
    } catch {
      return false;
    }
  }, `${what} must be a ${protocols.join(' or ')} URL`);

const accountIdSchema = z.string().trim().min(1, 'the account id is empty').max(64, 'the account id is longer than 64 characters');

export const brokerConfigSchema = z
  .object({
    kind: brokerKindSchema.default('paper'),
    /** The account as saved in Settings (broker_accounts.account_id). */
    accountId: accountIdSchema.default('main'),
    kite: z
      .object({
        restRoot: endpoint('the Kite REST root', ['https:', 'http:']).default(KITE_REST_ROOT),
        wsUrl: endpoint('the Kite ticker URL', ['wss:', 'ws:']).default(KITE_WS_URL),
        /** The Kite account whose ticker feeds the market when the broker is not Kite (default: accountId). */
        feedAccountId: accountIdSchema.optional(),
      })
      .default({ restRoot: KITE_REST_ROOT, wsUrl: KITE_WS_URL }),
    kotak: z
      .object({
        loginUrl: endpoint('the Kotak login URL', ['https:', 'http:']).default(KOTAK_LOGIN_URL),
        /** Kotak's market-data socket (HSM). */
        hsmUrl: endpoint('the Kotak market data URL', ['wss:', 'ws:']).default(KOTAK_HSM_URL),
        /** The Kotak account whose session feeds the market when the broker is not Kotak (default: accountId). */
        feedAccountId: accountIdSchema.optional(),
      })
      .default({ loginUrl: KOTAK_LOGIN_URL, hsmUrl: KOTAK_HSM_URL }),
  })
  .strict();

export type BrokerConfigInput = z.input<typeof brokerConfigSchema>;
export type BrokerConfig = z.output<typeof brokerConfigSchema>;

export class BrokerConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BrokerConfigError';
  }
}

/** The config with defaults filled in; throws BrokerConfigError naming each bad value. */
export function resolveBrokerConfig(input: BrokerConfigInput | undefined): BrokerConfig {
  const parsed = brokerConfigSchema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.length > 0 ? `broker.${issue.path.join('.')}` : 'broker'}: ${issue.message}`);
  throw new BrokerConfigError(`Bad broker configuration — ${problems.join('; ')}`);
}

/** The Kite account the ticker runs on. */
export function kiteFeedAccount(config: BrokerConfig): string {
  return config.kite.feedAccountId ?? config.accountId;
}

export const liveFeedSchema = z.enum(['simulated', 'kite', 'kotak']);

export interface ServeBrokerFlags {
  broker?: string | undefined;
  account?: string | undefined;
  feed?: string | undefined;
}

/**
 * `tickdesk serve`'s broker settings: flags first, then TICKDESK_BROKER / TICKDESK_ACCOUNT /
 * TICKDESK_FEED, endpoints from TICKDESK_KITE_REST / TICKDESK_KITE_WS / TICKDESK_KOTAK_LOGIN_URL /
 * TICKDESK_KOTAK_HSM.
 * Throws BrokerConfigError for a bad value (named with where it came from).
 */
export function brokerSettingsOf(flags: ServeBrokerFlags, env: NodeJS.ProcessEnv): { broker: BrokerConfig; feed: z.infer<typeof liveFeedSchema> } {
  const pick = (flag: string | undefined, name: string) => (flag !== undefined ? flag : env[name] !== undefined && env[name] !== '' ? env[name] : undefined);
  const kind = pick(flags.broker, 'TICKDESK_BROKER');
  const kindParsed = brokerKindSchema.optional().safeParse(kind);
  if (!kindParsed.success) throw new BrokerConfigError(`Bad broker '${String(kind)}' (--broker or TICKDESK_BROKER): use paper, kite or kotak`);
  const feedText = pick(flags.feed, 'TICKDESK_FEED');
  const feed = liveFeedSchema.optional().safeParse(feedText);
  if (!feed.success) throw new BrokerConfigError(`Bad feed '${String(feedText)}' (--feed or TICKDESK_FEED): use simulated, kite or kotak`);
  const account = pick(flags.account, 'TICKDESK_ACCOUNT');
  const kite: { restRoot?: string; wsUrl?: string } = {};
  if (env.TICKDESK_KITE_REST) kite.restRoot = env.TICKDESK_KITE_REST;
  if (env.TICKDESK_KITE_WS) kite.wsUrl = env.TICKDESK_KITE_WS;
  const broker = resolveBrokerConfig({
    ...(kindParsed.data === undefined ? {} : { kind: kindParsed.data }),
    ...(account === undefined ? {} : { accountId: account }),
    kite,
    kotak: {
      ...(env.TICKDESK_KOTAK_LOGIN_URL ? { loginUrl: env.TICKDESK_KOTAK_LOGIN_URL } : {}),
      ...(env.TICKDESK_KOTAK_HSM ? { hsmUrl: env.TICKDESK_KOTAK_HSM } : {}),
    },
  });
  return { broker, feed: feed.data ?? 'simulated' };
}
