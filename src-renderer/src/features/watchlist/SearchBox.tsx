import { useEffect, useState, type KeyboardEvent } from 'react';
import type { Instrument } from '../../../../src-shared/domain/instrument';
import { useClient } from '../../client/client-context';
import { errorMessage } from '../../format/error-message';
import { searchKeyAction } from './search-keys';
import { useDebounced } from './use-debounced';

export const SEARCH_DEBOUNCE_MS = 150;

interface SearchBoxProps {
  /** Tokens already on the list, marked in the results. */
  listed: ReadonlySet<number>;
  onAdd(instrument: Instrument): void;
}

interface SearchState {
  /** The query these results answer (a late answer to an older query is dropped). */
  query: string;
  results: Instrument[];
  error: string | null;
}

const EMPTY: SearchState = { query: '', results: [], error: null };

export function SearchBox({ listed, onAdd }: SearchBoxProps) {
  const client = useClient();
  const [text, setText] = useState('');
  const [state, setState] = useState<SearchState>(EMPTY);
  const [highlighted, setHighlighted] = useState(-1);
  const query = useDebounced(text.trim(), SEARCH_DEBOUNCE_MS);

  useEffect(() => {
    if (query === '') return;
    let current = true;
    client.call('market.search', { query: query.slice(0, 64), limit: 20 }).then(
      (results) => {
        if (!current) return;
        setState({ query, results, error: null });
        setHighlighted(results.length > 0 ? 0 : -1);
      },
      (error: unknown) => {
        if (current) setState({ query, results: [], error: errorMessage(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [client, query]);

  // Results for what is in the box now; stale ones (or an emptied box) show nothing.
  const visible = text.trim() !== '' && state.query === text.trim() ? state : EMPTY;

  // The last answer is kept: typing the same text again shows it at once
  // (the debounced query may never change, so no new search would start).
  const clear = () => {
    setText('');
    setHighlighted(0);
  };

  const add = (instrument: Instrument | undefined) => {
    if (!instrument) return;
    onAdd(instrument);
    clear();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const action = searchKeyAction(event.key, highlighted, visible.results.length);
    if (action.type === 'none') return;
    event.preventDefault();
    if (action.type === 'highlight') setHighlighted(action.index);
    else if (action.type === 'add') add(visible.results[action.index]);
    else clear();
  };

  return (
    <div className="wl-search">
      <input
        type="search"
        className="wl-search-input"
        placeholder="Search symbol or name"
        aria-label="Search instruments"
        data-testid="watchlist-search"
        autoComplete="off"
        spellCheck={false}
        maxLength={64}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      {visible.error ? <p className="pane-error">{visible.error}</p> : null}
      {visible.query !== '' && visible.results.length === 0 && !visible.error ? (
        <p className="wl-search-empty" data-testid="watchlist-search-empty">
          No instrument matches “{visible.query}”
        </p>
      ) : null}
      {visible.results.length > 0 ? (
        <ul className="wl-results" role="listbox" aria-label="Search results" data-testid="watchlist-results">
          {visible.results.map((instrument, index) => (
            <li
              key={instrument.token}
              role="option"
              aria-selected={index === highlighted}
              className={`wl-result${index === highlighted ? ' highlighted' : ''}`}
              data-testid="watchlist-result"
              data-symbol={instrument.tradingsymbol}
              onMouseEnter={() => setHighlighted(index)}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => add(instrument)}
            >
              <span className="wl-result-symbol">{instrument.tradingsymbol}</span>
              <span className="wl-result-detail">
                {instrument.exchange} · {instrument.instrumentType}
                {listed.has(instrument.token) ? ' · listed' : ''}
              </span>
              <span className="wl-result-name">{instrument.name}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
