interface SegmentedProps<T extends string> {
  label: string;
  options: readonly T[];
  value: T;
  onChange(value: T): void;
  /** data-testid prefix; each button is `${testId}-${option}`. */
  testId: string;
  titles?: Partial<Record<T, string>>;
}

/** A row of toggle buttons for a small closed choice (product, order type, validity). */
export function Segmented<T extends string>({ label, options, value, onChange, testId, titles }: SegmentedProps<T>) {
  return (
    <div className="tk-seg" role="group" aria-label={label}>
      {options.map((option) => (
        <button
          key={option}
          type="button"
          className={`tk-seg-btn${option === value ? ' active' : ''}`}
          aria-pressed={option === value}
          data-testid={`${testId}-${option}`}
          title={titles?.[option]}
          onClick={() => onChange(option)}
        >
          {option}
        </button>
      ))}
    </div>
  );
}
