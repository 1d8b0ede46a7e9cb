import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { precompress } from "./vite-plugins/precompress";

/**
 * `npm run dev -w client` serves the client with hot reload (and source maps) and forwards the API
 * to :4000. `npm run build -w client` writes client/dist: hashed chunks, each page its own (see
 * src/router.tsx), with .br and .gz copies beside them, and no source maps, which would publish the
 * sources (`vite build --sourcemap hidden` writes them for local debugging; no server sends *.map).
 */
export default defineConfig({
  plugins: [react(), precompress()],
  server: {
    proxy: {
      "/graphql": { target: "http://localhost:4000", ws: true },
      "/readyz": "http://localhost:4000",
      "/healthz": "http://localhost:4000",
    },
  },
  build: { outDir: "dist", sourcemap: false },
});
