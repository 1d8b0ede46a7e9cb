import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
} from "type-graphql";
import type { Context } from "../../graphql/context";
import { Scope } from "../../graphql/scopes";
import { signedIn } from "../../graphql/viewer";
import { Topic } from "../../pubsub/pubsub";
import { Role, User, type UserDocument } from "../users";
import { ProductInput, ProductUpdateInput } from "./product.input";
import { ProductService } from "./product.service";
import { Product, ProductConnection } from "./product.type";
import type { ProductView } from "./product.view";

@Resolver(() => Product)
export class ProductResolver {
  constructor(private readonly productService: ProductService) {}

  @Scope("products:read")
  @Authorized()
  @Query(() => ProductConnection, { description: "Products, newest first. Logged in." })
  products(
    @Arg("search", () => String, { nullable: true }) search: string | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ) {
    return this.productService.list(search, { first, after });
  }

  @Scope("products:read")
  @Authorized()
  @Query(() => Product, { nullable: true })
  product(@Arg("id", () => ID) id: string): Promise<ProductView | null> {
    return this.productService.findById(id);
  }

  @Scope("products:write")
  @Authorized(Role.ADMIN)
  @Mutation(() => Product, { description: "ADMIN; the owner is the caller." })
  createProduct(@Arg("input", () => ProductInput) input: ProductInput, @Ctx() { viewer }: Context) {
    return this.productService.create(signedIn(viewer), input);
  }

  @Scope("products:write")
  @Authorized(Role.ADMIN)
  @Mutation(() => Product)
  updateProduct(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => ProductUpdateInput) input: ProductUpdateInput,
    @Ctx() { viewer }: Context,
  ) {
    return this.productService.update(signedIn(viewer), id, input);
  }

  @Scope("products:write")
  @Authorized(Role.ADMIN)
  @Mutation(() => Boolean)
  deleteProduct(@Arg("id", () => ID) id: string, @Ctx() { viewer }: Context) {
    return this.productService.delete(signedIn(viewer), id);
  }

  @Scope("stock:write")
  @Authorized(Role.ADMIN)
  @Mutation(() => Product, { description: "ADMIN; INSUFFICIENT_STOCK below zero." })
  adjustStock(
    @Arg("productId", () => ID) productId: string,
    @Arg("delta", () => Int) delta: number,
    @Ctx() { viewer }: Context,
  ) {
    return this.productService.adjustStock(signedIn(viewer), productId, delta);
  }

  @Scope("stock:write")
  @Authorized(Role.ADMIN)
  @Mutation(() => Product, { description: "ADMIN; sets the available units." })
  setStock(
    @Arg("productId", () => ID) productId: string,
    @Arg("stock", () => Int) stock: number,
    @Ctx() { viewer }: Context,
  ) {
    return this.productService.setStock(signedIn(viewer), productId, stock);
  }

  @Scope("products:read")
  @Authorized()
  @Subscription(() => Product, {
    subscribe: ({ context }: { context: Context }) =>
      context.pubSub.subscribe(Topic.PRODUCT_UPDATED, () => context.viewer !== null),
    description: "Stock, price, name changes and deletions (deleted: the last state) of products. Logged in.",
  })
  productUpdated(@Root() product: ProductView, @Ctx() context: Context): ProductView {
    context.loaders = context.freshLoaders();
    return product;
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: "Visible to ADMIN only (null for customers, and once the owner is deleted).",
  })
  async owner(@Root() product: ProductView, @Ctx() { viewer, loaders }: Context): Promise<UserDocument | null> {
    if (viewer?.role !== Role.ADMIN || product.ownerId === null) return null;
    const owner = await loaders.users.load(product.ownerId);
    return owner === null || owner.deletedAt !== null ? null : owner;
  }
}
