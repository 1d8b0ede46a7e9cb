export { DashboardResolver } from "./dashboard.resolver";
export { DashboardService } from "./dashboard.service";
export { DashboardCounters, type DashboardCountersOptions } from "./dashboard-counters";
