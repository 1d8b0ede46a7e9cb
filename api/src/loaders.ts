import DataLoader from "dataloader";
import { Types } from "mongoose";
// Module files, not their index.ts: the context imports this file, and the modules' resolvers
// (which their index exports) import the context.
import type { ProductService } from "./modules/products/product.service";
import { toProductView, type ProductView } from "./modules/products/product.view";
import type { UserDocument } from "./modules/users/user.model";
import type { UserService } from "./modules/users/user.service";

/** Batching loaders for the relations of one request (or one subscription event). */
export interface Loaders {
  /** Users by id, deleted or not. */
  readonly users: DataLoader<string, UserDocument | null>;
  /** Products by id, deleted or not. */
  readonly products: DataLoader<string, ProductView | null>;
}

/** A factory of fresh loaders: one set per HTTP request and per subscription event, never per socket. */
export function loaderFactory(users: UserService, products: ProductService): () => Loaders {
  const byId = <T extends { _id: Types.ObjectId }>(ids: readonly string[], rows: readonly T[]) => {
    const map = new Map(rows.map((row) => [row._id.toHexString(), row]));
    return ids.map((id) => map.get(id) ?? null);
  };
  const objectIds = (ids: readonly string[]) =>
    ids.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));
  // Made on first use: most operations, and most subscription events (one per subscriber each),
  // never touch a relation.
  return () => {
    let usersLoader: Loaders["users"] | undefined;
    let productsLoader: Loaders["products"] | undefined;
    return {
      get users() {
        return (usersLoader ??= new DataLoader(async (ids) => byId(ids, await users.findByIds(objectIds(ids)))));
      },
      get products() {
        return (productsLoader ??= new DataLoader(async (ids) =>
          byId(ids, await products.findByIds(objectIds(ids))).map((p) => (p === null ? null : toProductView(p))),
        ));
      },
    };
  };
}
