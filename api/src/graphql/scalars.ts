import { GraphQLDateTime, GraphQLJSONObject, GraphQLSafeInt } from "graphql-scalars";
import type { BuildSchemaOptions } from "type-graphql";

/** The contract's custom scalars: `DateTime`, `JSONObject` and `SafeInt` (money in cents). */
export { GraphQLDateTime as DateTimeScalar, GraphQLJSONObject as JSONObjectScalar, GraphQLSafeInt as SafeIntScalar };

/** Makes every TS `Date` field a contract `DateTime` (TypeGraphQL would pick DateTimeISO). */
export const scalarsMap: NonNullable<BuildSchemaOptions["scalarsMap"]> = [{ type: Date, scalar: GraphQLDateTime }];
