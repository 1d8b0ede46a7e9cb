export { LogLevel, LogType } from "./log-type";
export { LogService, type LogInput } from "./log.service";
