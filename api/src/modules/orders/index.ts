export { OrderProcessor, type ProcessorOptions } from "./order-processor";
export { OrderRecovery } from "./order-recovery";
export { OrderStatus } from "./order-status";
export { OrderItemResolver, OrderResolver, UserOrdersResolver, type LocalSchedulerStats } from "./order.resolver";
export { OrderService, type OrderFigures, type OrderOverview } from "./order.service";
export { SchedulerStats } from "./order.type";
