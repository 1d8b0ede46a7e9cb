import "bootstrap/dist/css/bootstrap.min.css";
import "./styles/contrast.css";
import "./styles/layout.css";
import { ApolloProvider } from "@apollo/client/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router";
import { createApolloClient } from "./apollo/client";
import { SessionProvider } from "./components/session/session-provider";
import { storedTheme } from "./hooks/use-theme";
import { router } from "./router";

// Before the first paint, so a dark theme does not flash light.
document.documentElement.setAttribute("data-bs-theme", storedTheme());

const root = document.getElementById("root");
if (root === null) throw new Error("index.html has no #root element");

createRoot(root).render(
  <StrictMode>
    <ApolloProvider client={createApolloClient()}>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </ApolloProvider>
  </StrictMode>,
);
