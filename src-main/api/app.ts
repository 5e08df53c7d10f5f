import { ContractError } from '../../src-shared/contract/errors';
import type { AppInfo } from '../../src-shared/domain/app-info';
import type { Diagnostics } from '../../src-shared/domain/diagnostics';
import type { DomainHandlers } from './registry';

export function appHandlers(info: {
  version: string;
  mode: AppInfo['mode'];
  /** Collects the support report (diagnostics/collect.ts); the core always passes it. */
  diagnostics?: () => Promise<Diagnostics>;
}): DomainHandlers<'app.info' | 'app.diagnostics'> {
  return {
    'app.info': () => ({
      name: 'Tickdesk',
      version: info.version,
      mode: info.mode,
      serverTime: new Date().toISOString(),
    }),
    'app.diagnostics': () => {
      if (!info.diagnostics) throw new ContractError('UNAVAILABLE', 'Diagnostics are not collected here.');
      return info.diagnostics();
    },
  };
}
