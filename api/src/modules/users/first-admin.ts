import { BadUserInputError, ConflictError } from "../../graphql/errors";
import type { Logger } from "../../logger";
import { LogType, type LogService } from "../logs";
import { Role } from "./role";
import type { UserService } from "./user.service";

/**
 * Creates the first admin from configuration (ADMIN_EMAIL / ADMIN_PASSWORD) unless an account
 * with that email exists. Idempotent, also when several instances start at once.
 * @throws Error with a clear message when the configured password is too weak.
 */
export async function ensureFirstAdmin(
  users: UserService,
  logs: LogService,
  logger: Logger,
  email: string,
  password: string,
) {
  if ((await users.findActiveByEmail(email)) !== null) return;
  try {
    const admin = await users.createAccount({
      name: "Administrator",
      email,
      password,
      role: Role.ADMIN,
      verified: true,
    });
    logger.info({ email: admin.email }, "first admin account created");
    await logs.record({
      type: LogType.SYSTEM,
      message: `First admin ${admin.email} created from configuration`,
      userId: admin._id,
    });
  } catch (error) {
    if (error instanceof ConflictError) return; // another instance created it just now
    if (error instanceof BadUserInputError) throw new Error(`ADMIN_EMAIL / ADMIN_PASSWORD: ${error.message}`);
    throw error;
  }
}
