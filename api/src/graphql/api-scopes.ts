/** Every scope an API token can carry, with what it allows (the README's table says the same). */
export const API_SCOPES = {
  "orders:read": "read orders (`orders`, `order`, a user's orders) and follow them live (`orderUpdated`)",
  "orders:write": "place orders for a customer (`placeOrder` with `customerId`) and cancel orders (`cancelOrder`)",
  "fulfilment:write": "mark approved orders SHIPPED, then DELIVERED (`setFulfilmentStatus`)",
  "products:read": "read products (`products`, `product`) and follow them live (`productUpdated`)",
  "products:write": "create, edit and delete products (`createProduct`, `updateProduct`, `deleteProduct`)",
  "stock:write": "set and adjust stock (`setStock`, `adjustStock`)",
  "customers:read": "read customers (`users`, `user`) and any user's email, budget and total spent",
  "logs:read": "read the event log (`logs`) and follow it live (`logAdded`)",
  "dashboard:read": "read the dashboard and scheduler figures (`dashboard`, `schedulerStats`, `dashboardUpdated`)",
} as const;

/** The name of a scope, e.g. `orders:read`. */
export type ApiScope = keyof typeof API_SCOPES;

/** Whether `name` is a scope an API token can carry. */
export function isApiScope(name: string): name is ApiScope {
  return Object.hasOwn(API_SCOPES, name);
}
