import { registerEnumType } from "type-graphql";

/** What a user may do: ADMIN manages everything, CUSTOMER orders from its own budget. */
export enum Role {
  ADMIN = "ADMIN",
  CUSTOMER = "CUSTOMER",
}
registerEnumType(Role, { name: "Role" });

/** A customer's tier: PREMIUM orders are scheduled ahead of STANDARD ones. */
export enum CustomerTier {
  STANDARD = "STANDARD",
  PREMIUM = "PREMIUM",
}
registerEnumType(CustomerTier, { name: "CustomerTier" });
