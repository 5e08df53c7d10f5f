import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { parseBreezeList, parseBreezeResponse } from './envelope';

const json = (status: number, value: unknown) => ({ status, contentType: 'application/json', body: JSON.stringify(value) });
const placed = z.object({ order_id: z.string() });

describe('Breeze envelope', () => {
  it('reads Success when Status is 200', () => {
    expect(parseBreezeResponse(json(200, { Success: { order_id: '20250205N300001234' }, Status: 200, Error: null }), placed)).toEqual({ ok: true, data: { order_id: '20250205N300001234' } });
  });

  it('classifies refusals without an error catalogue (§D11)', () => {
    const refused = (Status: number, Error: string | null, http = 200) => parseBreezeResponse(json(http, { Success: null, Status, Error }), placed);
    expect(refused(500, 'Insufficient limit to place the order')).toMatchObject({ ok: false, error: { kind: 'rejected', envelopeStatus: 500 } });
    expect(refused(500, null)).toMatchObject({ error: { kind: 'broker-unavailable' } });
    expect(refused(401, 'Invalid session.')).toMatchObject({ error: { kind: 'session-expired' } });
    expect(refused(500, 'Resource not available.')).toMatchObject({ error: { kind: 'rejected' } });
    expect(refused(429, 'Too many requests')).toMatchObject({ error: { kind: 'rate-limited' } });
    expect(refused(200, null, 403)).toMatchObject({ error: { kind: 'rejected' } });
    expect(parseBreezeResponse({ status: 401, contentType: null, body: '' }, placed)).toMatchObject({ error: { kind: 'session-expired' } });
    expect(parseBreezeResponse({ status: 503, contentType: 'text/html', body: '<title>Down</title>' }, placed)).toMatchObject({ error: { kind: 'broker-unavailable' } });
  });

  it('reads the SDK\'s own validation answer {"Success":"","Status":500,"Error":…} as a refusal', () => {
    expect(parseBreezeResponse(json(200, { Success: '', Status: 500, Error: 'Quantity cannot be empty' }), placed)).toMatchObject({ error: { kind: 'rejected', message: 'Quantity cannot be empty' } });
  });

  it('turns other shapes into bad-response', () => {
    expect(parseBreezeResponse(json(200, { status: 'ok' }), placed)).toMatchObject({ error: { kind: 'bad-response' } });
    expect(parseBreezeResponse(json(200, { Success: { nope: 1 }, Status: 200, Error: null }), placed)).toMatchObject({ error: { kind: 'bad-response' } });
  });

  it('reads an empty list as Success null, [] or a "No Data" error, and counts dropped rows', () => {
    const row = z.object({ id: z.number() });
    expect(parseBreezeList(json(200, { Success: null, Status: 200, Error: null }), row)).toEqual({ ok: true, rows: [], dropped: 0, problems: [] });
    expect(parseBreezeList(json(200, { Success: [], Status: 200, Error: null }), row)).toMatchObject({ ok: true, rows: [] });
    expect(parseBreezeList(json(200, { Success: null, Status: 500, Error: 'No Data Found' }), row)).toMatchObject({ ok: true, rows: [] });
    expect(parseBreezeList(json(200, { Success: [{ id: 1 }, { id: '2' }], Status: 200, Error: null }), row)).toMatchObject({ ok: true, rows: [{ id: 1 }], dropped: 1 });
  });
});
