/** The GraphQL documents and the constants the attacks on authentication send and expect. */

export const ME = "{ me { id } }";
export const VERIFY_EMAIL = "mutation($token: String!) { verifyEmail(token: $token) }";
export const REQUEST_RESET = "mutation($email: String!) { requestPasswordReset(email: $email) }";
export const RESEND_VERIFICATION = "mutation($email: String!) { resendVerificationEmail(email: $email) }";
export const RESET_PASSWORD =
  "mutation($token: String!, $newPassword: String!) { resetPassword(token: $token, newPassword: $newPassword) }";
export const CHANGE_PASSWORD = `mutation($currentPassword: String!, $newPassword: String!) {
  changePassword(currentPassword: $currentPassword, newPassword: $newPassword) { token user { id } }
}`;
export const LOGOUT = "mutation { logout }";
export const BEGIN_TOTP = "mutation { beginTotpSetup { secret otpauthUrl qrCodeDataUrl } }";
export const ENABLE_TOTP = "mutation($code: String!) { enableTotp(code: $code) { totpEnabled } }";
export const DISABLE_TOTP =
  "mutation($password: String!, $code: String!) { disableTotp(password: $password, code: $code) { totpEnabled } }";
export const UPDATE_PROFILE = "mutation($name: String!) { updateProfile(name: $name) { name } }";
export const USER = "query($id: ID!) { user(id: $id) { id email role } }";
export const USERS =
  "query($filter: UserFilter, $after: String) { users(first: 100, filter: $filter, after: $after) { totalCount nodes { id email } } }";
export const CREATE_CUSTOMER = "mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }";
export const DELETE_CUSTOMER = "mutation($id: ID!) { deleteCustomer(id: $id) }";
export const SET_BUDGET =
  "mutation($userId: ID!, $cents: SafeInt!) { setBudget(userId: $userId, budgetCents: $cents) { id budgetCents } }";
export const ADJUST_BUDGET =
  "mutation($userId: ID!, $cents: SafeInt!) { adjustBudget(userId: $userId, deltaCents: $cents) { id budgetCents } }";
export const SET_TIER =
  "mutation($userId: ID!, $tier: CustomerTier!) { setTier(userId: $userId, tier: $tier) { id tier } }";
/** What the admin sees of every user: compared before and after an attack to prove nothing changed. */
export const SNAPSHOT = "{ users(first: 100) { totalCount nodes { id email budgetCents tier } } }";
/** Every field of User. */
export const USER_FIELDS =
  "id name email role tier budgetCents totalSpentCents emailVerified totpEnabled createdAt deletedAt";

export const WRONG_PASSWORD = "not the right password 1";
export const OTHER_PASSWORD = "tangerine orbit whisper 5";
export const INVALID_CREDENTIALS_MESSAGE = "The email or password is not correct.";
/** graphql-ws close code for a refused, revoked or expired session. */
export const SESSION_ENDED = 4403;
