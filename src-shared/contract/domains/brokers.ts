import { z } from 'zod';
import { defineEvents, defineMethods } from '../define';

/**
 * brokers.*: broker accounts and their encrypted credentials. Secrets go
 * one way only — into saveAccount / unlock / completeLogin. No result or
 * event carries a secret: accounts come back as summaries, and a save
 * answers with the summary, never the fields.
 */
export const brokerIdSchema = z.enum(['kite', 'kotak']);
export type BrokerIdName = z.infer<typeof brokerIdSchema>;

export const brokerAccountIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, 'an account id is 1 to 40 letters, digits, "_", "." or "-"');

// A secret as typed: trimmed, bounded, no control characters. An empty string means "keep the stored value".
const secretText = z
  .string()
  .trim()
  .max(512)
  .refine((text) => ![...text].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f), 'control characters are not allowed');

export const kiteFieldsSchema = z
  .object({
    apiKey: secretText.optional(),
    apiSecret: secretText.optional(),
    /** Zerodha client id (e.g. AB1234); shown in the list. */
    userId: secretText.optional(),
  })
  .strict();

export const kotakFieldsSchema = z
  .object({
    consumerKey: secretText.optional(),
    consumerSecret: secretText.optional(),
    mobile: z.string().trim().regex(/^(\+91)?\d{10}$|^$/, 'a 10-digit mobile number (optionally +91)').optional(),
    /** Kotak's unique client code; shown in the list. */
    ucc: secretText.optional(),
    mpin: z.string().trim().regex(/^\d{4,6}$|^$/, 'the MPIN is 4 to 6 digits').optional(),
    /** Base32 seed of the authenticator, if the trader wants Tickdesk to produce the TOTP itself. */
    totpSecret: z.string().trim().regex(/^[A-Za-z2-7= ]*$/, 'a base32 TOTP secret').max(128).optional(),
  })
  .strict();

/** Fields a new account must have (after merging with what is stored). */
export const requiredBrokerFields: Record<BrokerIdName, readonly string[]> = {
  kite: ['apiKey', 'apiSecret'],
  kotak: ['consumerKey', 'mobile', 'ucc', 'mpin'],
};

export const brokerAccountSummarySchema = z.object({
  broker: brokerIdSchema,
  accountId: z.string(),
  userId: z.string().nullable(),
  /** Epoch milliseconds. */
  updatedAt: z.number(),
  hasSession: z.boolean(),
});
export type BrokerAccountSummaryView = z.infer<typeof brokerAccountSummarySchema>;

export const loginInputKindSchema = z.enum(['requestToken', 'totp']);

export const sessionExpiredSchema = z.object({
  broker: brokerIdSchema,
  accountId: z.string(),
  message: z.string(),
  /** What the trader must type to log in again. */
  input: loginInputKindSchema,
});
export type SessionExpiredView = z.infer<typeof sessionExpiredSchema>;

export const brokersStatusSchema = z.object({
  keySource: z.enum(['safeStorage', 'passphrase']),
  locked: z.boolean(),
  /** Why secrets cannot be stored now (null when unlocked). */
  lockedReason: z.string().nullable(),
  /** Passphrase mode with no passphrase set yet: the first unlock sets it. */
  needsPassphraseSetup: z.boolean(),
  accounts: z.array(brokerAccountSummarySchema),
  /** Accounts whose session expired and wait for a login. */
  expired: z.array(sessionExpiredSchema),
});
export type BrokersStatus = z.infer<typeof brokersStatusSchema>;

/**
 * The morning drill: the broker's instrument master downloaded, validated and
 * upserted into `instruments`. Only counts and a sentence cross: no URL, no
 * header, no token.
 */
export const drillPhaseSchema = z.enum(['download', 'parse', 'upsert', 'done', 'failed']);
export type DrillPhase = z.infer<typeof drillPhaseSchema>;

const count = z.number().int().nonnegative();

export const drillProgressSchema = z.object({
  broker: brokerIdSchema,
  phase: drillPhaseSchema,
  /** Kotak's master comes as one file per segment ("nse_fo"); null for Kite's single dump. */
  segment: z.string().nullable(),
  /** Rows upserted (Kite) or read (Kotak) so far. */
  done: count,
  /** null while it is not known (downloading, or a Kotak file streaming without a row count). */
  total: count.nullable(),
  /** Epoch milliseconds. */
  at: z.number(),
});
export type DrillProgressView = z.infer<typeof drillProgressSchema>;

export const drillSummarySchema = z.object({
  /** Data rows read from the master. */
  rows: count,
  /** Instruments written (inserted + updated). */
  upserted: count,
  /** Kite tells new rows from changed ones; Kotak does not (null). */
  inserted: count.nullable(),
  updated: count.nullable(),
  /** Rows that failed validation (skipped, never fatal). */
  bad: count,
  /** Valid rows of kinds Tickdesk does not trade (skipped). */
  unsupported: count,
  /** Kotak: segment files read; null for Kite. */
  segments: count.nullable(),
});
export type DrillSummaryView = z.infer<typeof drillSummarySchema>;

export const drillReportSchema = z.object({
  broker: brokerIdSchema,
  /** False when the download failed (yesterday's instruments stay in use) or a Kotak segment failed. */
  ok: z.boolean(),
  /** Epoch milliseconds when the drill started. */
  at: z.number(),
  /** Null when nothing could be read (no session, the download failed). */
  summary: drillSummarySchema.nullable(),
  /** Why it failed, in one readable sentence; null when ok. */
  error: z.string().nullable(),
});
export type DrillReportView = z.infer<typeof drillReportSchema>;

export const drillStatusSchema = z.object({
  /** Brokers whose master is downloaded; empty with the paper broker (the simulated universe is used). */
  brokers: z.array(brokerIdSchema),
  running: z.boolean(),
  /** The latest progress of each broker in the running drill (empty when none runs). */
  progress: z.array(drillProgressSchema),
  /** The last drill's reports, one per broker (empty until the first drill ends). */
  reports: z.array(drillReportSchema),
  /** Epoch milliseconds of the next daily drill; null when none is scheduled. */
  nextAt: z.number().nullable(),
});
export type DrillStatusView = z.infer<typeof drillStatusSchema>;

const accountRef = { broker: brokerIdSchema, accountId: brokerAccountIdSchema };

export const brokersMethods = defineMethods({
  'brokers.status': {
    args: z.object({}).strict(),
    result: brokersStatusSchema,
    summary: 'Whether broker secrets can be stored, and the accounts (summaries only, never secrets).',
  },
  'brokers.unlock': {
    args: z.object({ passphrase: z.string().min(1).max(1024) }).strict(),
    result: brokersStatusSchema,
    summary: 'Unlocks (or, the first time, sets) the passphrase that encrypts broker secrets in browser mode.',
  },
  'brokers.saveAccount': {
    args: z.discriminatedUnion('broker', [
      z.object({ broker: z.literal('kite'), accountId: brokerAccountIdSchema, fields: kiteFieldsSchema }).strict(),
      z.object({ broker: z.literal('kotak'), accountId: brokerAccountIdSchema, fields: kotakFieldsSchema }).strict(),
    ]),
    result: z.object({ saved: z.literal(true), account: brokerAccountSummarySchema }),
    summary: 'Encrypts and stores a broker account; empty fields keep the stored values. Never echoes the fields.',
  },
  'brokers.removeAccount': {
    args: z.object(accountRef).strict(),
    result: z.object({ removed: z.boolean() }),
    summary: 'Deletes a broker account and its encrypted secrets.',
  },
  'brokers.completeLogin': {
    args: z
      .object({
        ...accountRef,
        requestToken: z.string().trim().regex(/^[A-Za-z0-9]{6,128}$/, 'the request_token from the Kite redirect').optional(),
        totp: z.string().trim().regex(/^\d{6}$/, 'the 6-digit code from the authenticator').optional(),
      })
      .strict()
      .refine((a) => a.requestToken !== undefined || a.totp !== undefined, { message: 'give the request token (Kite) or the TOTP (Kotak)' }),
    result: z.object({ account: brokerAccountSummarySchema }),
    summary: "Completes the broker's daily login through its adapter and stores the new session.",
  },
  'brokers.drill': {
    args: z.object({}).strict(),
    result: z.object({ reports: z.array(drillReportSchema) }),
    summary: 'Downloads the instrument master now (joins a drill already running); progress as brokers.drillProgress. Refused with the paper broker.',
  },
  'brokers.drillStatus': {
    args: z.object({}).strict(),
    result: drillStatusSchema,
    summary: "The instrument master drill: which brokers, whether one runs (with its progress) and the last reports.",
  },
});

export const brokersEvents = defineEvents({
  /** An adapter found its session expired or revoked: the Settings banner asks for a login. */
  'brokers.sessionExpired': sessionExpiredSchema,
  /** The running drill's progress, at most about ten a second per broker, and its last step. */
  'brokers.drillProgress': drillProgressSchema,
  /** A drill ended (started by the timer, at start-up or by brokers.drill): the new reports. */
  'brokers.drillFinished': z.object({ reports: z.array(drillReportSchema) }),
});
