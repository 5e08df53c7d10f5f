import { describe, expect, it } from 'vitest';
import { angelBrokerStatus, readAngelStatus } from './status-map';

const none = { filledQuantity: 0, quantity: 10 };

describe('Angel One statuses', () => {
  it('reads the confirmed words', () => {
    expect(readAngelStatus('open', none)).toMatchObject({ status: 'OPEN', known: true, reported: 'OPEN' });
    expect(readAngelStatus('trigger pending', none)).toMatchObject({ status: 'TRIGGER_PENDING', reported: 'TRIGGER_PENDING' });
    expect(readAngelStatus('complete', { filledQuantity: 10, quantity: 10 })).toMatchObject({ status: 'FILLED', terminal: true });
    expect(readAngelStatus('cancelled', none)).toMatchObject({ status: 'CANCELLED', terminal: true });
    expect(readAngelStatus('rejected', none)).toMatchObject({ status: 'REJECTED', terminal: true });
    expect(readAngelStatus('after market order req received', none)).toMatchObject({ status: 'OPEN', interim: true });
    expect(readAngelStatus('Trigger  Pending ', none).status).toBe('TRIGGER_PENDING');
  });

  it('reads an open order with fills as part-filled', () => {
    expect(readAngelStatus('open', { filledQuantity: 4, quantity: 10 })).toMatchObject({ status: 'PARTIALLY_FILLED', partiallyFilled: true });
  });

  it('claims nothing for a word it does not know (§D3)', () => {
    expect(readAngelStatus('not modified', none)).toMatchObject({ status: 'SENT', known: false, reported: null, terminal: false });
  });

  it('maps to the port: interim words rest as OPEN, or TRIGGER_PENDING for a stop order', () => {
    expect(angelBrokerStatus(readAngelStatus('open pending', none), 'L')).toBe('OPEN');
    expect(angelBrokerStatus(readAngelStatus('open pending', none), 'SL')).toBe('TRIGGER_PENDING');
    expect(angelBrokerStatus(readAngelStatus('complete', none), 'L')).toBe('FILLED');
    expect(angelBrokerStatus(readAngelStatus('something new', none), 'L')).toBe('OPEN');
  });
});
