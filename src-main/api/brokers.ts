import { ContractError, type EventPayload } from '../../src-shared/contract';
import { requiredBrokerFields, type DrillReportView } from '../../src-shared/contract/domains/brokers';
import type { DrillReport, DrillState } from '../brokers/selection/broker-selection';
import type { DrillProgress } from '../brokers/selection/drill-progress';
import { AccountConflictError } from '../secrets/pg-secret-store';
import { LoginUnavailableError, MissingFieldsError, NoPassphraseNeededError, UnlockThrottledError, type BrokerSecrets } from '../secrets/broker-secrets';
import { SecretStoreLockedError, WrongPassphraseError } from '../secrets/secret-store';
import type { DomainHandlers } from './registry';

type BrokersMethod =
  | 'brokers.status'
  | 'brokers.unlock'
  | 'brokers.saveAccount'
  | 'brokers.removeAccount'
  | 'brokers.completeLogin'
  | 'brokers.drill'
  | 'brokers.drillStatus';

/** The morning drill as the contract needs it (brokers/selection's BrokerSelection). */
export interface DrillControl {
  runDrill(): Promise<DrillReport[]>;
  drillState(): DrillState;
}

/** With no real broker configured: nothing to download. */
const noDrill: DrillControl = {
  runDrill: async () => [],
  drillState: () => ({ brokers: [], running: false, progress: [], reports: [], nextAt: null }),
};

export const PAPER_DRILL_REFUSAL = 'No broker instrument master to download: Tickdesk runs on the paper broker with the simulated universe. Start it with --broker kite or --broker kotak.';

/**
 * brokers.* over the contract. Every result is built from summaries (the
 * store's list()), never from credentials, and errors are re-worded so no
 * broker response or secret rides along in a message.
 */
export function brokersHandlers(secrets: BrokerSecrets, drill: DrillControl = noDrill): DomainHandlers<BrokersMethod> {
  return {
    'brokers.status': () => secrets.status(),
    'brokers.unlock': async ({ passphrase }, ctx) => {
      await guarded(() => secrets.unlock(passphrase, ctx.transport));
      return secrets.status();
    },
    'brokers.saveAccount': async ({ broker, accountId, fields }, ctx) => {
      const account = await guarded(() => secrets.saveAccount(broker, accountId, fields, requiredBrokerFields[broker], ctx.transport));
      return { saved: true as const, account };
    },
    'brokers.removeAccount': async ({ broker, accountId }, ctx) => ({ removed: await secrets.removeAccount(broker, accountId, ctx.transport) }),
    'brokers.completeLogin': async ({ broker, accountId, requestToken, totp }, ctx) => {
      const input = { ...(requestToken === undefined ? {} : { requestToken }), ...(totp === undefined ? {} : { totp }) };
      const account = await guarded(() => secrets.completeLogin(broker, accountId, input, ctx.transport));
      if (!account) throw new ContractError('NOT_FOUND', `No ${broker} account "${accountId}" is saved.`);
      return { account };
    },
    // A drill that fails still answers: its report says why (ok:false), the call itself succeeds.
    'brokers.drill': async () => {
      if (drill.drillState().brokers.length === 0) throw new ContractError('UNAVAILABLE', PAPER_DRILL_REFUSAL);
      return { reports: (await drill.runDrill()).map(drillReportView) };
    },
    'brokers.drillStatus': () => {
      const state = drill.drillState();
      return { brokers: [...state.brokers], running: state.running, progress: state.progress, reports: state.reports.map(drillReportView), nextAt: state.nextAt };
    },
  };
}

/** brokers.drillProgress and brokers.drillFinished, as the selection reports them (it throttles the progress). */
export function drillEvents(emit: <E extends 'brokers.drillProgress' | 'brokers.drillFinished'>(event: E, payload: EventPayload<E>) => void): {
  onDrillProgress(progress: DrillProgress): void;
  onDrillFinished(reports: readonly DrillReport[]): void;
} {
  return {
    onDrillProgress: (progress) => emit('brokers.drillProgress', progress),
    onDrillFinished: (reports) => emit('brokers.drillFinished', { reports: reports.map(drillReportView) }),
  };
}

/** Field by field, so nothing the adapter might add to a report rides along unreviewed. */
function drillReportView(report: DrillReport): DrillReportView {
  const s = report.summary;
  return {
    broker: report.broker,
    ok: report.ok,
    at: report.at,
    summary: s ? { rows: s.rows, upserted: s.upserted, inserted: s.inserted, updated: s.updated, bad: s.bad, unsupported: s.unsupported, segments: s.segments } : null,
    error: report.error,
  };
}

/** brokers.sessionExpired events from the adapters' login hooks. */
export function forwardBrokerEvents(secrets: BrokerSecrets, emit: (event: 'brokers.sessionExpired', payload: EventPayload<'brokers.sessionExpired'>) => void): () => void {
  return secrets.login.onSessionExpired((notice) => emit('brokers.sessionExpired', notice));
}

async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toContractError(error);
  }
}

function toContractError(error: unknown): unknown {
  if (error instanceof ContractError) return error;
  if (error instanceof SecretStoreLockedError) return new ContractError('UNAVAILABLE', error.message);
  if (error instanceof WrongPassphraseError) return new ContractError('UNAUTHORIZED', error.message);
  if (error instanceof UnlockThrottledError) return new ContractError('UNAUTHORIZED', error.message, { retryAfterMs: error.waitMs });
  if (error instanceof LoginUnavailableError) return new ContractError('NOT_FOUND', error.message);
  if (error instanceof NoPassphraseNeededError) return new ContractError('CONFLICT', error.message);
  if (error instanceof MissingFieldsError) return new ContractError('VALIDATION', error.message, error.fields.map((path) => ({ path: `fields.${path}`, message: 'required' })));
  if (error instanceof AccountConflictError) return new ContractError('CONFLICT', error.message);
  return error;
}
