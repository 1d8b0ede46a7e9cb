import type { RouteObject } from "react-router";
import { RequireRole } from "../components/session/require-role";
import { lazyPage } from "../lib/lazy-page";

const ForgotPasswordPage = lazyPage(
  () => import("../pages/forgot-password/forgot-password-page"),
  "ForgotPasswordPage",
);
const ProfilePage = lazyPage(() => import("../pages/profile/profile-page"), "ProfilePage");
const RegisterPage = lazyPage(() => import("../pages/register/register-page"), "RegisterPage");
const ResetPasswordPage = lazyPage(() => import("../pages/reset-password/reset-password-page"), "ResetPasswordPage");
const VerifyEmailPage = lazyPage(() => import("../pages/verify-email/verify-email-page"), "VerifyEmailPage");

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
