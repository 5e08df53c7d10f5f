import { create } from 'zustand';
import {
  auditFiltersSchema,
  exportFiltersSchema,
  type AuditFilters,
  type ChainVerification,
  type ExportFilters,
  type ExportProgress,
} from '../../../src-shared/contract/domains/audit';

/** The filter inputs as typed (strings; '' = not set). Dates are IST days. */
export interface FilterDraft {
  from: string;
  to: string;
  symbol: string;
  strategy: string;
  status: string;
  eventType: string;
}

export const EMPTY_DRAFT: FilterDraft = { from: '', to: '', symbol: '', strategy: '', status: '', eventType: '' };

export type VerifyState =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; result: ChainVerification }
  | { state: 'error'; message: string };

interface AuditStore {
  tab: 'ledger' | 'log';
  draft: FilterDraft;
  /** The filters the table shows; changes only on Apply. */
  applied: AuditFilters;
  /** Why the draft cannot be applied, in words. */
  draftError: string | null;
  selectedOrderId: string | null;
  verify: VerifyState;
  bom: boolean;
  /** The export in progress or the last one finished. */
  exportProgress: ExportProgress | null;
  exportError: string | null;
  maximised: boolean;
}

export const useAuditStore = create<AuditStore>()(() => ({
  tab: 'ledger',
  draft: EMPTY_DRAFT,
  applied: {},
  draftError: null,
  selectedOrderId: null,
  verify: { state: 'idle' },
  bom: false,
  exportProgress: null,
  exportError: null,
  maximised: false,
}));

function present(draft: FilterDraft): Record<string, string> {
  return Object.fromEntries(Object.entries(draft).filter(([, value]) => value.trim() !== ''));
}

function firstIssue(error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> }): string {
  const issue = error.issues[0];
  return issue ? `${String(issue.path[0] ?? 'filters')}: ${issue.message}` : 'Invalid filters';
}

/** Checks the draft with the contract's own schema; applies it when valid. */
export function applyDraft(): void {
  const parsed = auditFiltersSchema.safeParse(present(useAuditStore.getState().draft));
  if (!parsed.success) {
    useAuditStore.setState({ draftError: firstIssue(parsed.error) });
    return;
  }
  useAuditStore.setState({ applied: parsed.data, draftError: null, selectedOrderId: null });
}

export function setDraft(patch: Partial<FilterDraft>): void {
  useAuditStore.setState((s) => ({ draft: { ...s.draft, ...patch } }));
}

export function clearFilters(): void {
  useAuditStore.setState({ draft: EMPTY_DRAFT, applied: {}, draftError: null, selectedOrderId: null });
}

/** The export's filters from the draft; an export needs both dates. */
export function exportFilters(): { ok: true; filters: ExportFilters } | { ok: false; message: string } {
  const draft = present(useAuditStore.getState().draft);
  if (draft.from === undefined || draft.to === undefined) return { ok: false, message: 'Choose a From and a To date to export.' };
  const parsed = exportFiltersSchema.safeParse(draft);
  return parsed.success ? { ok: true, filters: parsed.data } : { ok: false, message: firstIssue(parsed.error) };
}

export function selectAuditOrder(orderId: string | null): void {
  useAuditStore.setState({ selectedOrderId: orderId });
}
