import { describe, expect, it } from 'vitest';
import { buildAngelWsRequest } from './ws-request';
import { parseAngelWsText } from './ws-text';

describe('SmartWebSocket V2 requests', () => {
  it('encodes the facts sheet subscribe example exactly', () => {
    const built = buildAngelWsRequest({
      action: 'subscribe',
      mode: 'ltp',
      correlationId: 'abcde12345',
      tokenList: [{ exchangeType: 1, tokens: ['10626', '5290'] }, { exchangeType: 5, tokens: ['234230'] }],
    });
    expect(built.ok && built.text).toBe(
      '{"correlationID":"abcde12345","action":1,"params":{"mode":1,"tokenList":[{"exchangeType":1,"tokens":["10626","5290"]},{"exchangeType":5,"tokens":["234230"]}]}}',
    );
  });

  it('unsubscribes with action 0, merges groups of one exchange type, drops duplicates, omits a missing correlationID', () => {
    const built = buildAngelWsRequest({ action: 'unsubscribe', mode: 'snap-quote', tokenList: [{ exchangeType: 2, tokens: ['1', '2'] }, { exchangeType: 2, tokens: ['2', '3'] }] });
    expect(built.ok && built.request).toEqual({ action: 0, params: { mode: 3, tokenList: [{ exchangeType: 2, tokens: ['1', '2', '3'] }] } });
  });

  it('refuses what Angel would refuse: bad tokens, unknown exchange types, over 1,000 tokens, Depth-20 off NSE cash or over 50', () => {
    const tokens = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));
    expect(buildAngelWsRequest({ action: 'subscribe', mode: 'ltp', tokenList: [{ exchangeType: 1, tokens: ['SBIN'] }] }).ok).toBe(false);
    expect(buildAngelWsRequest({ action: 'subscribe', mode: 'ltp', tokenList: [{ exchangeType: 6, tokens: ['1'] }] }).ok).toBe(false);
    expect(buildAngelWsRequest({ action: 'subscribe', mode: 'ltp', tokenList: [{ exchangeType: 1, tokens: tokens(1001) }] }).ok).toBe(false);
    expect(buildAngelWsRequest({ action: 'subscribe', mode: 'ltp', tokenList: [{ exchangeType: 1, tokens: tokens(1000) }] }).ok).toBe(true);
    expect(buildAngelWsRequest({ action: 'subscribe', mode: 'depth-20', tokenList: [{ exchangeType: 2, tokens: ['1'] }] }).ok).toBe(false);
    expect(buildAngelWsRequest({ action: 'subscribe', mode: 'depth-20', tokenList: [{ exchangeType: 1, tokens: tokens(51) }] }).ok).toBe(false);
    expect(buildAngelWsRequest({ action: 'subscribe', mode: 'ltp', correlationId: 'short', tokenList: [{ exchangeType: 1, tokens: ['1'] }] }).ok).toBe(false);
    expect(buildAngelWsRequest({ action: 'subscribe', mode: 'ltp', tokenList: [] }).ok).toBe(false);
  });

  it('reads the server text frames: pong, the documented error, and anything else as invalid', () => {
    expect(parseAngelWsText('pong')).toEqual({ type: 'pong' });
    expect(parseAngelWsText('{"correlationID":"abcde12345","errorCode":"E1002","errorMessage":"Invalid Request. Subscription Limit Exceeded"}')).toEqual({
      type: 'error', code: 'E1002', message: 'Invalid Request. Subscription Limit Exceeded', correlationId: 'abcde12345', overLimit: true,
    });
    expect(parseAngelWsText('{"errorCode":"E1001"}')).toMatchObject({ type: 'error', overLimit: false, correlationId: null });
    expect(parseAngelWsText('{"hello":1}').type).toBe('invalid');
    expect(parseAngelWsText('<html>').type).toBe('invalid');
  });
});
