import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** `npm run dev -w client` serves the client with hot reload and forwards the API to :4000. */
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      "/graphql": { target: "http://localhost:4000", ws: true },
      "/readyz": "http://localhost:4000",
      "/healthz": "http://localhost:4000",
    },
  },
  build: { outDir: "dist", sourcemap: true },
});
