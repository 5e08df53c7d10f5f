import type { DatabaseService } from '../db/service';
import type { DomainHandlers } from './registry';

export function dbHandlers(db: DatabaseService): DomainHandlers<'db.status'> {
  return {
    'db.status': () => db.status(),
  };
}
