import "bootstrap/dist/css/bootstrap.min.css";
import { ApolloProvider } from "@apollo/client/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createApolloClient } from "./apollo/client";
import { HomePage } from "./pages/home/home-page";

const root = document.getElementById("root");
if (root === null) throw new Error("index.html has no #root element");

createRoot(root).render(
  <StrictMode>
    <ApolloProvider client={createApolloClient()}>
      <HomePage />
    </ApolloProvider>
  </StrictMode>,
);
