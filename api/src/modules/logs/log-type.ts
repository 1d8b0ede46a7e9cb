import { registerEnumType } from "type-graphql";

/** What a log entry is about. */
export enum LogType {
  AUTH = "AUTH",
  USER = "USER",
  PRODUCT = "PRODUCT",
  STOCK = "STOCK",
  ORDER = "ORDER",
  SCHEDULER = "SCHEDULER",
  SYSTEM = "SYSTEM",
  ERROR = "ERROR",
}
registerEnumType(LogType, { name: "LogType" });

export enum LogLevel {
  INFO = "INFO",
  WARN = "WARN",
  ERROR = "ERROR",
}
registerEnumType(LogLevel, { name: "LogLevel" });
