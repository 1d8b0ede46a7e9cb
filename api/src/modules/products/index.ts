export { ProductResolver } from "./product.resolver";
export { MAX_STOCK, ProductService } from "./product.service";
export { Product } from "./product.type";
export { toProductView, type ProductView } from "./product.view";
export { ProductEvents, startProductEventRecovery, type ProductEvent, type ProductEventEffect } from "./product-events";
export { type ProductDocument } from "./product.model";
