import type { Oms } from '../oms/service/oms';
import type { DomainHandlers } from './registry';

/** The orders domain of the contract (src-shared/contract/domains/orders.ts) on the OMS. */
export type OrdersMethod =
  | 'orders.place'
  | 'orders.preview'
  | 'orders.modify'
  | 'orders.cancel'
  | 'orders.list'
  | 'orders.get'
  | 'trades.list'
  | 'positions.list'
  | 'risk.get'
  | 'risk.update'
  | 'risk.killSwitch';

/** `oms` is asked for at each call: the OMS is built when the core starts. */
export function ordersHandlers(oms: () => Oms): DomainHandlers<OrdersMethod> {
  return {
    'orders.place': (intent) => oms().place(intent),
    'orders.preview': (intent) => oms().preview(intent),
    'orders.modify': ({ orderId, ...changes }) => oms().modify(orderId, changes),
    'orders.cancel': ({ orderId }) => oms().cancel(orderId),
    'orders.list': ({ scope, limit }) => oms().list(scope, limit),
    'orders.get': ({ orderId }) => oms().get(orderId),
    'trades.list': ({ limit }) => oms().trades(limit),
    'positions.list': () => oms().positions(),
    'risk.get': () => oms().riskState(),
    'risk.update': ({ settings }, ctx) => oms().updateRisk(settings, `trader:${ctx.transport}`),
    'risk.killSwitch': ({ engage, reason }, ctx) =>
      engage
        ? oms().engageKillSwitch(reason ?? 'Engaged by the trader', `trader:${ctx.transport}`)
        : oms().resetKillSwitch(`trader:${ctx.transport}`),
  };
}
