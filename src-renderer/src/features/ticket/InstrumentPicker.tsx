import { useEffect, useState, type KeyboardEvent } from 'react';
import type { Instrument } from '../../../../src-shared/domain/instrument';
import { useClient } from '../../client/client-context';
import { errorMessage } from '../../format/error-message';
import { formatIstDay } from '../../format/ist-time';
import { formatQuantity } from '../../format/quantity';

export const TICKET_SEARCH_DEBOUNCE_MS = 150;

interface InstrumentPickerProps {
  instrument: Instrument | null;
  onPick(instrument: Instrument): void;
  autoFocus: boolean;
}

interface Results {
  query: string;
  items: Instrument[];
  error: string | null;
}

const EMPTY: Results = { query: '', items: [], error: null };

function describe(instrument: Instrument): string {
  const parts: string[] = [instrument.exchange, instrument.instrumentType];
  if (instrument.expiry) parts.push(formatIstDay(instrument.expiry));
  if (instrument.instrumentType !== 'EQ' && instrument.instrumentType !== 'INDEX') parts.push(`lot ${formatQuantity(instrument.lotSize)}`);
  return parts.join(' · ');
}

/** The ticket's instrument: the one it was opened with, or one found with market.search. */
export function InstrumentPicker({ instrument, onPick, autoFocus }: InstrumentPickerProps) {
  const client = useClient();
  const [text, setText] = useState('');
  const [results, setResults] = useState<Results>(EMPTY);
  const [highlighted, setHighlighted] = useState(0);
  const query = text.trim();

  useEffect(() => {
    if (query === '') return;
    let current = true;
    const timer = setTimeout(() => {
      client.call('market.search', { query: query.slice(0, 64), limit: 10 }).then(
        (items) => {
          if (!current) return;
          setResults({ query, items, error: null });
          setHighlighted(0);
        },
        (error: unknown) => {
          if (current) setResults({ query, items: [], error: errorMessage(error) });
        },
      );
    }, TICKET_SEARCH_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, query]);

  const visible = query !== '' && results.query === query ? results : EMPTY;

  const pick = (found: Instrument | undefined) => {
    if (!found) return;
    onPick(found);
    setText('');
    setResults(EMPTY);
  };

  // Enter picks while results are open (and must not submit the order); otherwise it falls through to the form.
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = visible.items.length;
    if (event.key === 'ArrowDown' && count > 0) {
      event.preventDefault();
      setHighlighted((index) => Math.min(count - 1, index + 1));
    } else if (event.key === 'ArrowUp' && count > 0) {
      event.preventDefault();
      setHighlighted((index) => Math.max(0, index - 1));
    } else if (event.key === 'Enter' && query !== '') {
      event.preventDefault();
      pick(visible.items[highlighted] ?? visible.items[0]);
    } else if (event.key === 'Escape' && text !== '') {
      // First Esc clears the search; the next one closes the ticket.
      event.stopPropagation();
      setText('');
      setResults(EMPTY);
    }
  };

  return (
    <div className="tk-instrument">
      <div className="tk-instrument-head">
        {instrument ? (
          <>
            <span className="tk-symbol" data-testid="ticket-symbol">
              {instrument.tradingsymbol}
            </span>
            <span className="tk-detail">{describe(instrument)}</span>
          </>
        ) : (
          <span className="tk-detail" data-testid="ticket-symbol">
            No instrument chosen
          </span>
        )}
      </div>
      <input
        type="search"
        className="tk-search"
        placeholder={instrument ? 'Change instrument…' : 'Search symbol or name'}
        aria-label="Search instrument for the order"
        data-testid="ticket-search"
        autoComplete="off"
        spellCheck={false}
        maxLength={64}
        autoFocus={autoFocus}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      {visible.error ? <p className="tk-msg tk-msg-error">{visible.error}</p> : null}
      {visible.query !== '' && visible.items.length === 0 && !visible.error ? (
        <p className="tk-msg">No instrument matches “{visible.query}”</p>
      ) : null}
      {visible.items.length > 0 ? (
        <ul className="tk-results" role="listbox" aria-label="Instruments">
          {visible.items.map((item, index) => (
            <li
              key={item.token}
              role="option"
              aria-selected={index === highlighted}
              className={`tk-result${index === highlighted ? ' highlighted' : ''}`}
              data-testid="ticket-result"
              data-symbol={item.tradingsymbol}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(item)}
            >
              <span className="tk-symbol">{item.tradingsymbol}</span>
              <span className="tk-detail">{describe(item)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
