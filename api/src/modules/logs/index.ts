// The log module is below every other (they all write to it), so its index leaves out the
// resolver, which needs the users module: the schema imports log.resolver.ts itself.
export { LogLevel, LogType } from "./log-type";
export { startLogRetention } from "./log-retention";
export { LogService, type LogInput, type LogView } from "./log.service";
