/**
 * First look at a broker's HTTP answer before any schema: gateways and load
 * balancers answer with HTML error pages (502, maintenance, a login wall) where the
 * API promised JSON. Those must become a typed error with a readable line, never a
 * JSON.parse exception. Shared by the Kite and Kotak response parsers.
 */

export interface HttpAnswer {
  status: number;
  /** The Content-Type header, if any. */
  contentType: string | null;
  body: string;
}

export type BodyReading =
  | { kind: 'json'; value: unknown }
  | { kind: 'html'; title: string | null; snippet: string }
  | { kind: 'empty' }
  | { kind: 'text'; snippet: string };

const SNIPPET_CHARS = 200;

export function readBody(answer: HttpAnswer): BodyReading {
  const text = answer.body.trim();
  if (text === '') return { kind: 'empty' };
  const type = (answer.contentType ?? '').toLowerCase();
  if (type.includes('text/html') || text.startsWith('<')) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim() || null;
    return { kind: 'html', title, snippet: snippet(text.replace(/<[^>]*>/g, ' ')) };
  }
  try {
    return { kind: 'json', value: JSON.parse(text) };
  } catch {
    return { kind: 'text', snippet: snippet(text) };
  }
}

export function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > SNIPPET_CHARS ? `${flat.slice(0, SNIPPET_CHARS)}…` : flat;
}

/** One line for the trader when the body was not the JSON we wanted. */
export function describeNonJson(status: number, reading: Exclude<BodyReading, { kind: 'json' }>): string {
  switch (reading.kind) {
    case 'html':
      return `HTTP ${status}: the broker answered with a web page${reading.title ? ` ("${reading.title}")` : ''} instead of data`;
    case 'empty':
      return `HTTP ${status}: the broker answered with an empty body`;
    case 'text':
      return `HTTP ${status}: the broker answered with text instead of data: ${reading.snippet}`;
  }
}
