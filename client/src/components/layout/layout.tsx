import { useState, type MouseEvent } from "react";
import { NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { useTheme } from "../../hooks/use-theme";
import { useSession } from "../session/session-provider";

interface NavItem {
  readonly to: string;
  readonly label: string;
  readonly roles: ReadonlyArray<"ADMIN" | "CUSTOMER">;
}

/** The navigation, by role. Pages register here as they are built. */
const NAV: readonly NavItem[] = [
  { to: "/", label: "Home", roles: ["ADMIN", "CUSTOMER"] },
  { to: "/dashboard", label: "Dashboard", roles: ["ADMIN"] },
  { to: "/products", label: "Products", roles: ["ADMIN", "CUSTOMER"] },
  { to: "/orders", label: "Orders", roles: ["ADMIN", "CUSTOMER"] },
  { to: "/orders/new", label: "Place order", roles: ["ADMIN", "CUSTOMER"] },
  { to: "/customers", label: "Customers", roles: ["ADMIN"] },
  { to: "/logs", label: "Logs", roles: ["ADMIN"] },
  { to: "/integrations", label: "Integrations", roles: ["ADMIN"] },
  { to: "/profile", label: "Profile", roles: ["ADMIN", "CUSTOMER"] },
];

/** Moves the focus to the page's main content, past the navigation (the skip link's action). */
function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  const main = document.querySelector("main");
  if (main === null) return;
  event.preventDefault();
  main.tabIndex = -1;
  main.focus();
}

/** The frame of every page: navigation by role, the session, and the theme switch. */
export function Layout() {
  const { viewer, signOut } = useSession();
  const navigate = useNavigate();
  const [theme, toggleTheme] = useTheme();
  const items = viewer ? NAV.filter((item) => item.roles.includes(viewer.role)) : [];
  // On a phone the menu folds behind a toggler (Bootstrap's navbar-expand-md) and closes again
  // whenever the page changes.
  const { pathname } = useLocation();
  const [openAt, setOpenAt] = useState<string | null>(null);
  const open = openAt === pathname;

  return (
    <>
      <a className="skip-link visually-hidden-focusable" href="#main" onClick={skipToMain}>
        Skip to main content
      </a>
      <nav className="navbar navbar-expand-md bg-body-tertiary border-bottom" aria-label="Main">
        <div className="container">
          <NavLink className="navbar-brand fw-semibold" to="/">
            OrderFlow
          </NavLink>
          <button
            type="button"
            className="navbar-toggler"
            aria-controls="main-menu"
            aria-expanded={open}
            aria-label={open ? "Close the menu" : "Open the menu"}
            onClick={() => setOpenAt(open ? null : pathname)}
          >
            <span className="navbar-toggler-icon" />
          </button>
          <div id="main-menu" className={`collapse navbar-collapse${open ? " show" : ""}`}>
            <ul className="navbar-nav me-auto">
              {items.map((item) => (
                <li className="nav-item" key={item.to}>
                  <NavLink
                    className={({ isActive }) =>
                      `nav-link link-body-emphasis${isActive ? " active fw-semibold text-decoration-underline" : ""}`
                    }
                    to={item.to}
                    end
                  >
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
            {viewer ? (
              <div className="d-flex align-items-center gap-2">
                <span className="navbar-text" data-testid="nav-viewer">
                  {viewer.name}
                  {viewer.tier === "PREMIUM" && viewer.role === "CUSTOMER" ? " ⭐" : ""}
                </span>
                <button
                  type="button"
                  className="btn btn-outline-secondary btn-sm"
                  onClick={() => void signOut().then(() => navigate("/login"))}
                >
                  Log out
                </button>
              </div>
            ) : (
              viewer === null && (
                <div className="d-flex gap-2">
                  <NavLink className="btn btn-primary btn-sm" to="/login">
                    Log in
                  </NavLink>
                  <NavLink className="btn btn-outline-primary btn-sm" to="/register">
                    Register
                  </NavLink>
                </div>
              )
            )}
          </div>
        </div>
      </nav>
      {viewer?.totpPending && (
        <div className="container mt-3">
          <div
            className="alert alert-warning d-flex flex-wrap align-items-center gap-2"
            role="status"
            data-testid="totp-pending"
          >
            <span>You chose two-factor authentication: it is not on yet.</span>
            <NavLink className="alert-link" to="/profile">
              Finish turning it on with a code from your app
            </NavLink>
          </div>
        </div>
      )}
      <Outlet />
      <button
        type="button"
        className="btn btn-secondary rounded-pill shadow position-fixed bottom-0 end-0 m-3"
        onClick={toggleTheme}
        aria-label={`Switch to ${theme === "dark" ? "light" : "dark"} theme`}
        data-testid="theme-toggle"
      >
        {theme === "dark" ? "☀️ Light" : "🌙 Dark"}
      </button>
    </>
  );
}
