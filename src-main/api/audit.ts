import type { ExportJobs } from '../audit/export-jobs';
import { auditLogPage, ledgerCount, ledgerEventsPage, orderTimeline } from '../audit/history-queries';
import { sharedChainVerifier } from '../audit/verify-chain';
import type { DatabaseService } from '../db/service';
import type { DomainHandlers } from './registry';

export type AuditMethod =
  | 'audit.events'
  | 'audit.count'
  | 'audit.timeline'
  | 'audit.log'
  | 'audit.verify'
  | 'audit.export'
  | 'audit.exportCancel';

/**
 * The audit domain (src-shared/contract/domains/audit.ts): history pages,
 * the hash-chain check and CSV exports. db.pool() is asked at each call, so a
 * call while the database restarts answers UNAVAILABLE instead of hanging.
 */
export function auditHandlers(deps: { db: DatabaseService; exports: ExportJobs }): DomainHandlers<AuditMethod> {
  const { db, exports } = deps;
  const verify = sharedChainVerifier(() => db.pool());

  return {
    'audit.events': ({ filters, order, afterEventId, offset, limit }) => ledgerEventsPage(db.pool(), { filters, order, afterEventId, offset, limit }),
    'audit.count': ({ filters }) => ledgerCount(db.pool(), filters),
    'audit.timeline': ({ orderId }) => orderTimeline(db.pool(), orderId),
    'audit.log': ({ filters, afterId, limit }) => auditLogPage(db.pool(), { from: filters.from, to: filters.to, afterId, limit }),
    'audit.verify': () => verify(),
    'audit.export': ({ filters, bom }) => exports.start(filters, bom),
    'audit.exportCancel': ({ exportId }) => ({ cancelled: exports.cancel(exportId) }),
  };
}
