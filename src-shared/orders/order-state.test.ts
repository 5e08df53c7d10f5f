import { describe, expect, it } from 'vitest';
import {
  IllegalTransition,
  ORDER_STATE_EVENT_TYPES,
  RESUMABLE_STATUSES,
  canTransition,
  describeState,
  transition,
  type OrderState,
  type OrderStateEvent,
} from './order-state';
import { orderStatusSchema } from './order-types';

/** Every state the machine can be in, pending states with each resumeTo (and flag). */
const ALL_STATES: OrderState[] = [
  { status: 'PENDING_LOCAL' },
  { status: 'SENT' },
  { status: 'OPEN' },
  { status: 'TRIGGER_PENDING' },
  { status: 'PARTIALLY_FILLED' },
  { status: 'FILLED' },
  { status: 'CANCELLED' },
  { status: 'REJECTED' },
  ...RESUMABLE_STATUSES.map((resumeTo): OrderState => ({ status: 'MODIFY_PENDING', resumeTo })),
  ...RESUMABLE_STATUSES.flatMap((resumeTo): OrderState[] => [
    { status: 'CANCEL_PENDING', resumeTo, modifyInFlight: false },
    { status: 'CANCEL_PENDING', resumeTo, modifyInFlight: true },
  ]),
];

/** Every event, MODIFY_CONFIRMED also with each order-type change. */
const ALL_EVENTS: OrderStateEvent[] = [
  ...ORDER_STATE_EVENT_TYPES.map((type) => ({ type }) as OrderStateEvent),
  { type: 'MODIFY_CONFIRMED', working: 'OPEN' },
  { type: 'MODIFY_CONFIRMED', working: 'TRIGGER_PENDING' },
];

const eventLabel = (e: OrderStateEvent): string =>
  e.type === 'MODIFY_CONFIRMED' && e.working ? `MODIFY_CONFIRMED>${e.working}` : e.type;

/**
 * The legal edges, written out by hand. Any pair not listed must throw; adding an
 * edge to the machine without adding it here fails the cross-product test below.
 */
const LEGAL: Record<string, Record<string, string>> = {
  PENDING_LOCAL: { SEND: 'SENT', REJECT: 'REJECTED' },
  SENT: {
    ACK_OPEN: 'OPEN', ACK_TRIGGER_PENDING: 'TRIGGER_PENDING', PARTIAL_FILL: 'PARTIALLY_FILLED',
    FILL: 'FILLED', REJECT: 'REJECTED', EXPIRE: 'CANCELLED',
  },
  OPEN: {
    PARTIAL_FILL: 'PARTIALLY_FILLED', FILL: 'FILLED', EXPIRE: 'CANCELLED',
    MODIFY_REQUEST: 'MODIFY_PENDING(OPEN)', CANCEL_REQUEST: 'CANCEL_PENDING(OPEN)',
  },
  TRIGGER_PENDING: {
    TRIGGERED: 'OPEN', PARTIAL_FILL: 'PARTIALLY_FILLED', FILL: 'FILLED', EXPIRE: 'CANCELLED',
    MODIFY_REQUEST: 'MODIFY_PENDING(TRIGGER_PENDING)', CANCEL_REQUEST: 'CANCEL_PENDING(TRIGGER_PENDING)',
  },
  PARTIALLY_FILLED: {
    PARTIAL_FILL: 'PARTIALLY_FILLED', FILL: 'FILLED', EXPIRE: 'CANCELLED',
    MODIFY_REQUEST: 'MODIFY_PENDING(PARTIALLY_FILLED)', CANCEL_REQUEST: 'CANCEL_PENDING(PARTIALLY_FILLED)',
  },
  FILLED: {},
  CANCELLED: {},
  REJECTED: {},
  'MODIFY_PENDING(OPEN)': {
    MODIFY_CONFIRMED: 'OPEN', 'MODIFY_CONFIRMED>OPEN': 'OPEN', 'MODIFY_CONFIRMED>TRIGGER_PENDING': 'TRIGGER_PENDING',
    MODIFY_REJECTED: 'OPEN', CANCEL_REQUEST: 'CANCEL_PENDING(OPEN, modify in flight)',
    PARTIAL_FILL: 'MODIFY_PENDING(PARTIALLY_FILLED)', FILL: 'FILLED', EXPIRE: 'CANCELLED',
  },
  'MODIFY_PENDING(TRIGGER_PENDING)': {
    MODIFY_CONFIRMED: 'TRIGGER_PENDING', 'MODIFY_CONFIRMED>OPEN': 'OPEN',
    'MODIFY_CONFIRMED>TRIGGER_PENDING': 'TRIGGER_PENDING', MODIFY_REJECTED: 'TRIGGER_PENDING',
    CANCEL_REQUEST: 'CANCEL_PENDING(TRIGGER_PENDING, modify in flight)',
    PARTIAL_FILL: 'MODIFY_PENDING(PARTIALLY_FILLED)', TRIGGERED: 'MODIFY_PENDING(OPEN)',
    FILL: 'FILLED', EXPIRE: 'CANCELLED',
  },
  'MODIFY_PENDING(PARTIALLY_FILLED)': {
    MODIFY_CONFIRMED: 'PARTIALLY_FILLED', 'MODIFY_CONFIRMED>OPEN': 'PARTIALLY_FILLED',
    'MODIFY_CONFIRMED>TRIGGER_PENDING': 'PARTIALLY_FILLED', MODIFY_REJECTED: 'PARTIALLY_FILLED',
    CANCEL_REQUEST: 'CANCEL_PENDING(PARTIALLY_FILLED, modify in flight)',
    PARTIAL_FILL: 'MODIFY_PENDING(PARTIALLY_FILLED)', FILL: 'FILLED', EXPIRE: 'CANCELLED',
  },
  'CANCEL_PENDING(OPEN)': {
    CANCEL_CONFIRMED: 'CANCELLED', EXPIRE: 'CANCELLED', FILL: 'FILLED', CANCEL_REJECTED: 'OPEN',
    PARTIAL_FILL: 'CANCEL_PENDING(PARTIALLY_FILLED)',
  },
  'CANCEL_PENDING(OPEN, modify in flight)': {
    CANCEL_CONFIRMED: 'CANCELLED', EXPIRE: 'CANCELLED', FILL: 'FILLED', CANCEL_REJECTED: 'MODIFY_PENDING(OPEN)',
    PARTIAL_FILL: 'CANCEL_PENDING(PARTIALLY_FILLED, modify in flight)',
    MODIFY_CONFIRMED: 'CANCEL_PENDING(OPEN)', 'MODIFY_CONFIRMED>OPEN': 'CANCEL_PENDING(OPEN)',
    'MODIFY_CONFIRMED>TRIGGER_PENDING': 'CANCEL_PENDING(TRIGGER_PENDING)', MODIFY_REJECTED: 'CANCEL_PENDING(OPEN)',
  },
  'CANCEL_PENDING(TRIGGER_PENDING)': {
    CANCEL_CONFIRMED: 'CANCELLED', EXPIRE: 'CANCELLED', FILL: 'FILLED', CANCEL_REJECTED: 'TRIGGER_PENDING',
    PARTIAL_FILL: 'CANCEL_PENDING(PARTIALLY_FILLED)', TRIGGERED: 'CANCEL_PENDING(OPEN)',
  },
  'CANCEL_PENDING(TRIGGER_PENDING, modify in flight)': {
    CANCEL_CONFIRMED: 'CANCELLED', EXPIRE: 'CANCELLED', FILL: 'FILLED',
    CANCEL_REJECTED: 'MODIFY_PENDING(TRIGGER_PENDING)',
    PARTIAL_FILL: 'CANCEL_PENDING(PARTIALLY_FILLED, modify in flight)',
    TRIGGERED: 'CANCEL_PENDING(OPEN, modify in flight)',
    MODIFY_CONFIRMED: 'CANCEL_PENDING(TRIGGER_PENDING)', 'MODIFY_CONFIRMED>OPEN': 'CANCEL_PENDING(OPEN)',
    'MODIFY_CONFIRMED>TRIGGER_PENDING': 'CANCEL_PENDING(TRIGGER_PENDING)',
    MODIFY_REJECTED: 'CANCEL_PENDING(TRIGGER_PENDING)',
  },
  'CANCEL_PENDING(PARTIALLY_FILLED)': {
    CANCEL_CONFIRMED: 'CANCELLED', EXPIRE: 'CANCELLED', FILL: 'FILLED', CANCEL_REJECTED: 'PARTIALLY_FILLED',
    PARTIAL_FILL: 'CANCEL_PENDING(PARTIALLY_FILLED)',
  },
  'CANCEL_PENDING(PARTIALLY_FILLED, modify in flight)': {
    CANCEL_CONFIRMED: 'CANCELLED', EXPIRE: 'CANCELLED', FILL: 'FILLED',
    CANCEL_REJECTED: 'MODIFY_PENDING(PARTIALLY_FILLED)',
    PARTIAL_FILL: 'CANCEL_PENDING(PARTIALLY_FILLED, modify in flight)',
    MODIFY_CONFIRMED: 'CANCEL_PENDING(PARTIALLY_FILLED)', 'MODIFY_CONFIRMED>OPEN': 'CANCEL_PENDING(PARTIALLY_FILLED)',
    'MODIFY_CONFIRMED>TRIGGER_PENDING': 'CANCEL_PENDING(PARTIALLY_FILLED)',
    MODIFY_REJECTED: 'CANCEL_PENDING(PARTIALLY_FILLED)',
  },
};

describe('order state machine', () => {
  it('the enumeration covers every status and every table row', () => {
    const statuses = new Set(ALL_STATES.map((s) => s.status));
    expect([...statuses].sort()).toEqual([...orderStatusSchema.options].sort());
    expect(Object.keys(LEGAL).sort()).toEqual(ALL_STATES.map(describeState).sort());
    expect(ALL_STATES.length * ALL_EVENTS.length).toBe(17 * 16);
  });

  const pairs = ALL_STATES.flatMap((state) => ALL_EVENTS.map((event) => [state, event] as const));
  it.each(pairs.map(([s, e]) => [describeState(s), eventLabel(e), s, e] as const))(
    '%s + %s',
    (stateLabel, evLabel, state, event) => {
      const expected = LEGAL[stateLabel]?.[evLabel];
      if (expected === undefined) {
        expect(() => transition(state, event)).toThrow(IllegalTransition);
        expect(canTransition(state, event)).toBe(false);
      } else {
        expect(describeState(transition(state, event))).toBe(expected);
        expect(canTransition(state, event)).toBe(true);
      }
    },
  );

  it('every edge in the table names a real event', () => {
    const known = new Set(ALL_EVENTS.map(eventLabel));
    for (const edges of Object.values(LEGAL)) for (const ev of Object.keys(edges)) expect(known.has(ev)).toBe(true);
  });

  it('says which state and event clashed', () => {
    expect(() => transition({ status: 'FILLED' }, { type: 'CANCEL_REQUEST' })).toThrow(
      'Illegal order transition: FILLED cannot take CANCEL_REQUEST',
    );
  });

  it('a rejected modify returns to where the order was, fills included', () => {
    let s: OrderState = { status: 'TRIGGER_PENDING' };
    s = transition(s, { type: 'MODIFY_REQUEST' });
    s = transition(s, { type: 'TRIGGERED' });
    s = transition(s, { type: 'PARTIAL_FILL' });
    s = transition(s, { type: 'MODIFY_REJECTED' });
    expect(s).toEqual({ status: 'PARTIALLY_FILLED' });
  });
});
