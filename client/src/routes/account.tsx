import type { RouteObject } from "react-router";
import { RequireRole } from "../components/session/require-role";
import { ForgotPasswordPage } from "../pages/forgot-password/forgot-password-page";
import { ProfilePage } from "../pages/profile/profile-page";
import { RegisterPage } from "../pages/register/register-page";
import { ResetPasswordPage } from "../pages/reset-password/reset-password-page";
import { VerifyEmailPage } from "../pages/verify-email/verify-email-page";

/** The account pages (each wrapped in RequireRole where it needs a login). */
export const accountRoutes: RouteObject[] = [
  { path: "/register", element: <RegisterPage /> },
  { path: "/verify-email", element: <VerifyEmailPage /> },
  { path: "/forgot-password", element: <ForgotPasswordPage /> },
  { path: "/reset-password", element: <ResetPasswordPage /> },
  {
    path: "/profile",
    element: (
      <RequireRole roles={["ADMIN", "CUSTOMER"]}>
        <ProfilePage />
      </RequireRole>
    ),
  },
];
