export { OrderPipeline, type OrderPipelineOptions } from "./order-pipeline";
export { createOrdersModule, type OrderSchedulingOptions, type OrdersModule } from "./orders.module";
export { OrderProcessor, type ProcessorOptions, type ReintroducedBug } from "./order-processor";
export { OrderRecovery, type RecoveryReport } from "./order-recovery";
export { OrderStore } from "./order-store";
export { OrderStatus } from "./order-status";
export { OrderItemResolver, OrderResolver, UserOrdersResolver, type LocalSchedulerStats } from "./order.resolver";
export { OrderService, type OrderFigures, type OrderOverview } from "./order.service";
export { SchedulerStats } from "./order.type";
