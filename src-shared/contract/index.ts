import type { z } from 'zod';
import { appMethods } from './domains/app';
import { auditEvents, auditMethods } from './domains/audit';
import { backupEvents, backupMethods } from './domains/backup';
import { brokersEvents, brokersMethods } from './domains/brokers';
import { dbEvents, dbMethods } from './domains/db';
import { dbadminMethods } from './domains/dbadmin';
import { marketEvents, marketMethods } from './domains/market';
import { ordersEvents, ordersMethods } from './domains/orders';

/**
 * The one contract. Main's handler registry, the preload allowlist, the
 * WebSocket server and the renderer client are all derived from these maps;
 * a domain adds a file under domains/ and one spread here.
 */
export const methods = {
  ...appMethods,
  ...auditMethods,
  ...backupMethods,
  ...brokersMethods,
  ...dbMethods,
  ...dbadminMethods,
  ...marketMethods,
  ...ordersMethods,
} as const;

export const events = {
  ...auditEvents,
  ...backupEvents,
  ...brokersEvents,
  ...dbEvents,
  ...marketEvents,
  ...ordersEvents,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods & string;
/** What a caller passes (before zod defaults apply). */
export type MethodArgs<M extends MethodName> = z.input<Methods[M]['args']>;
/** What a handler receives (after zod parsing). */
export type ParsedArgs<M extends MethodName> = z.output<Methods[M]['args']>;
export type MethodResult<M extends MethodName> = z.output<Methods[M]['result']>;

export type Events = typeof events;
export type EventName = keyof Events & string;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

export * from './errors';
export type { MethodSpec } from './define';
