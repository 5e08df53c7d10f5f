import type { AppInfo } from '../../src-shared/domain/app-info';
import type { DomainHandlers } from './registry';

export function appHandlers(info: { version: string; mode: AppInfo['mode'] }): DomainHandlers<'app.info'> {
  return {
    'app.info': () => ({
      name: 'Tickdesk',
      version: info.version,
      mode: info.mode,
      serverTime: new Date().toISOString(),
    }),
  };
}
