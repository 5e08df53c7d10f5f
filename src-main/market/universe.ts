/**
 * The simulated NSE universe: validates resources/instruments/nse-universe.json
 * and turns it into Instruments for one IST day. Futures and option chains are
 * generated for that day's current expiries (never stored in the file), so
 * the shipped data does not go stale; strikes centre on the underlying's
 * reference price. Validation (zod) runs once at load, never per tick.
 */
import bundledUniverse from '../../resources/instruments/nse-universe.json';
import { rupeesToPaise, type Paise } from '../../src-shared/money';
import { instrumentSchema, type Instrument } from '../../src-shared/domain/instrument';
import { expiryCode, monthlyExpiry, weeklyExpiry } from '../../src-shared/market/expiry';
import { parseIstDay, type IstDay } from '../../src-shared/market/ist-calendar';
import type { NseCalendar } from '../../src-shared/market/nse-session';
import { universeFileSchema, type UniverseDerivative, type UniverseFile } from './universe-schema';
import { futureToken, indexToken, optionToken, stockToken } from './universe-tokens';

export interface UniverseEntry {
  instrument: Instrument;
  /** Where the simulation anchors the price (INDEX, EQ); null for derivatives, priced off the underlying. */
  refPrice: Paise | null;
  /** Token of the index a future or option is written on; null otherwise. */
  underlyingToken: number | null;
}

export interface Universe {
  asOf: IstDay;
  source: string;
  /** The IST day the derivative contracts were generated for. */
  day: IstDay;
  entries: UniverseEntry[];
  byToken: ReadonlyMap<number, UniverseEntry>;
}

export interface BuildOptions {
  /** IST day to generate contracts for (current weekly/monthly expiries on that day). */
  day: IstDay;
  /** Holidays shift an expiry to the previous trading day. */
  calendar?: NseCalendar;
}

/** Validates raw JSON (throws a ZodError with every problem listed). */
export function parseUniverseFile(json: unknown): UniverseFile {
  return universeFileSchema.parse(json);
}

function onGrid(value: Paise, tick: Paise, what: string): Paise {
  if (value <= 0 || value % tick !== 0) throw new RangeError(`${what}: ${value} paise is not a positive multiple of the tick ${tick}`);
  return value;
}

export function buildUniverse(file: UniverseFile, options: BuildOptions): Universe {
  const day = parseIstDay(options.day);
  const entries: UniverseEntry[] = [];
  const indexByKey = new Map<string, { token: number; refPrice: Paise; position: number }>();

  file.indices.forEach((index, position) => {
    const tickSize = rupeesToPaise(index.tickSize);
    const refPrice = onGrid(rupeesToPaise(index.refPrice), tickSize, index.tradingsymbol);
    const token = indexToken(position);
    indexByKey.set(index.key, { token, refPrice, position });
    entries.push({
      instrument: instrument({ token, tradingsymbol: index.tradingsymbol, name: index.name, exchange: 'NSE', segment: 'INDICES', instrumentType: 'INDEX', lotSize: 1, tickSize }),
      refPrice,
      underlyingToken: null,
    });
  });

  file.stocks.forEach((stock, position) => {
    const tickSize = rupeesToPaise(stock.tickSize ?? file.stockDefaults.tickSize);
    const refPrice = onGrid(rupeesToPaise(stock.refPrice), tickSize, stock.tradingsymbol);
    entries.push({
      instrument: instrument({
        token: stockToken(position),
        tradingsymbol: stock.tradingsymbol,
        name: stock.name,
        exchange: 'NSE',
        segment: 'NSE',
        instrumentType: 'EQ',
        lotSize: stock.lotSize ?? file.stockDefaults.lotSize,
        tickSize,
      }),
      refPrice,
      underlyingToken: null,
    });
  });

  for (const derivative of file.derivatives) {
    const underlying = indexByKey.get(derivative.underlying);
    if (!underlying) throw new RangeError(`unknown underlying ${derivative.underlying}`);
    entries.push(...derivativeEntries(derivative, underlying, day, options.calendar));
  }

  const byToken = new Map<number, UniverseEntry>();
  for (const entry of entries) {
    if (byToken.has(entry.instrument.token)) throw new RangeError(`duplicate token ${entry.instrument.token}`);
    byToken.set(entry.instrument.token, entry);
  }
  return { asOf: file.asOf, source: file.source, day, entries, byToken };
}

function derivativeEntries(
  spec: UniverseDerivative,
  underlying: { token: number; refPrice: Paise; position: number },
  day: IstDay,
  calendar: NseCalendar | undefined,
): UniverseEntry[] {
  const tickSize = rupeesToPaise(spec.tickSize);
  const step = rupeesToPaise(spec.strikeStep);
  const monthly = monthlyExpiry(day, calendar);
  const common = { exchange: 'NFO' as const, lotSize: spec.lotSize, tickSize, freezeQty: spec.freezeQty };
  const out: UniverseEntry[] = [];

  for (const _kind of spec.futures) {
    out.push({
      instrument: instrument({
        ...common,
        token: futureToken(underlying.position, monthly),
        tradingsymbol: `${spec.underlying}${expiryCode(monthly, true)}FUT`,
        name: spec.underlying,
        segment: 'NFO-FUT',
        instrumentType: 'FUT',
        expiry: monthly,
      }),
      refPrice: null,
      underlyingToken: underlying.token,
    });
  }

  // A weekly expiry that falls on the monthly one is the monthly contract: generate it once.
  const expiries = new Set(spec.options.map((kind) => (kind === 'monthly' ? monthly : weeklyExpiry(day, calendar))));
  const atmIndex = Math.round(underlying.refPrice / step);
  for (const expiry of [...expiries].sort()) {
    const code = expiryCode(expiry, expiry === monthly);
    for (let i = atmIndex - spec.strikesEachSide; i <= atmIndex + spec.strikesEachSide; i += 1) {
      if (i <= 0) continue;
      const strike = i * step;
      for (const type of ['CE', 'PE'] as const) {
        out.push({
          instrument: instrument({
            ...common,
            token: optionToken(underlying.position, expiry, i, type),
            tradingsymbol: `${spec.underlying}${code}${strike / 100}${type}`,
            name: spec.underlying,
            segment: 'NFO-OPT',
            instrumentType: type,
            expiry,
            strike,
          }),
          refPrice: null,
          underlyingToken: underlying.token,
        });
      }
    }
  }
  return out;
}

type InstrumentInput = Omit<Instrument, 'exchangeToken' | 'expiry' | 'strike' | 'freezeQty'> &
  Partial<Pick<Instrument, 'expiry' | 'strike' | 'freezeQty'>>;

/** Fills the defaults and checks the result against the shared schema, once, at load. */
function instrument(input: InstrumentInput): Instrument {
  return instrumentSchema.parse({
    expiry: null,
    strike: null,
    freezeQty: null,
    ...input,
    // Synthetic: no exchange token of its own; the synthetic token stands in.
    exchangeToken: input.token,
  });
}

/** The universe shipped in resources/ (bundled at build time), for one IST day. */
export function loadBundledUniverse(options: BuildOptions): Universe {
  return buildUniverse(parseUniverseFile(bundledUniverse), options);
}
