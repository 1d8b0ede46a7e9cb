export { ProductResolver } from "./product.resolver";
export { MAX_STOCK, ProductService } from "./product.service";
export { Product } from "./product.type";
export { toProductView, type ProductView } from "./product.view";
