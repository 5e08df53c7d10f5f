/** A failure from client.call (a ContractError, already worded for the trader) or anything thrown, as one line. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
