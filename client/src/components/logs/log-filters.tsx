import type { LogLevel, LogType } from "../../gql/graphql";

/** Every log type, in the order the filter lists them. */
export const LOG_TYPES: readonly LogType[] = [
  "AUTH",
  "USER",
  "PRODUCT",
  "STOCK",
  "ORDER",
  "SCHEDULER",
  "SYSTEM",
  "ERROR",
];
const LOG_LEVELS: readonly LogLevel[] = ["INFO", "WARN", "ERROR"];

const capitalized = (value: string) => value.charAt(0) + value.slice(1).toLowerCase();

interface LogFiltersProps {
  readonly types: readonly LogType[];
  readonly onTypesChange: (types: readonly LogType[]) => void;
  /** "" for every level. */
  readonly level: LogLevel | "";
  readonly onLevelChange: (level: LogLevel | "") => void;
}

/** The log panel's filter: a box per type (with "All types") and a level to pick. */
export function LogFilters({ types, onTypesChange, level, onLevelChange }: LogFiltersProps) {
  // Ticked types stay in LOG_TYPES order, whatever order they were ticked in.
  const toggleType = (type: LogType) =>
    onTypesChange(
      types.includes(type) ? types.filter((t) => t !== type) : LOG_TYPES.filter((t) => t === type || types.includes(t)),
    );

  return (
    <form className="card card-body mb-3" onSubmit={(e) => e.preventDefault()} aria-label="Filter logs">
      <fieldset className="mb-2">
        <legend className="form-label fs-6">Types</legend>
        <div className="d-flex flex-wrap gap-3">
          {LOG_TYPES.map((type) => (
            <div className="form-check" key={type}>
              <input
                id={`logs-type-${type}`}
                type="checkbox"
                className="form-check-input"
                checked={types.includes(type)}
                onChange={() => toggleType(type)}
              />
              <label className="form-check-label" htmlFor={`logs-type-${type}`}>
                {capitalized(type)}
              </label>
            </div>
          ))}
          <button type="button" className="btn btn-link btn-sm p-0" onClick={() => onTypesChange(LOG_TYPES)}>
            All types
          </button>
        </div>
      </fieldset>
      <div style={{ maxWidth: 240 }}>
        <label htmlFor="logs-level" className="form-label">
          Level
        </label>
        <select
          id="logs-level"
          className="form-select"
          value={level}
          onChange={(e) => onLevelChange(e.target.value as LogLevel | "")}
        >
          <option value="">All levels</option>
          {LOG_LEVELS.map((value) => (
            <option key={value} value={value}>
              {capitalized(value)}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
