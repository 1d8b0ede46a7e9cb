import { Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../graphql/context";
import { User } from "./user.type";
import { UserService } from "./user.service";

@Resolver(() => User)
export class UserResolver {
  constructor(private readonly users: UserService) {}

  @Query(() => User, { nullable: true, description: "The logged-in user; null when anonymous." })
  async me(@Ctx() { viewer }: Context): Promise<User | null> {
    return viewer === null ? null : this.users.findActiveById(viewer.id);
  }
}
