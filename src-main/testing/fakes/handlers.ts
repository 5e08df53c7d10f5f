import { ContractError, methodNames } from '../../../src-shared/contract';
import type { Handlers } from '../../api/registry';

/**
 * For tests of transports and dispatch: a complete handler map in which every
 * method answers UNAVAILABLE, so a test spreads only the handlers it exercises
 * and stays valid as the contract grows.
 */
export function unavailableHandlers(): Handlers {
  const entries = methodNames.map((name) => [
    name,
    () => {
      throw new ContractError('UNAVAILABLE', `"${name}" is not part of this test`);
    },
  ]);
  return Object.fromEntries(entries) as Handlers;
}
