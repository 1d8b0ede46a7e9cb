import { Types } from "mongoose";

const HEX_OBJECT_ID = /^[0-9a-f]{24}$/i;

/**
 * The ObjectId an API id stands for, or null when it is not 24 hex digits. (Mongoose's own
 * `isValidObjectId` also accepts any 12-character string.)
 */
export function parseObjectId(id: string): Types.ObjectId | null {
  return HEX_OBJECT_ID.test(id) ? new Types.ObjectId(id) : null;
}
