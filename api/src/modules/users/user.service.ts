import { parseObjectId } from "../../db/object-id";
import { UserModel, type UserDocument } from "./user.model";

/** Reads and changes users. Ownership and role checks happen in the callers' services. */
export class UserService {
  /** The user with this id unless it is deleted; null for an unknown or malformed id. */
  async findActiveById(id: string): Promise<UserDocument | null> {
    const _id = parseObjectId(id);
    return _id === null ? null : UserModel.findOne({ _id, deletedAt: null }).exec();
  }
}
