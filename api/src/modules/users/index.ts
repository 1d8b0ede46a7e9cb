export { CustomerTier, Role } from "./role";
export { UserResolver } from "./user.resolver";
export { UserService } from "./user.service";
export { User } from "./user.type";
