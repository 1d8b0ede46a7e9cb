# The OrderFlow API, alone: `node api/dist/main.js` as the unprivileged user `node`, listening on
# PORT (4000). The web client is served by nginx (deploy/nginx/Dockerfile). Build context: the
# repository root. docker-compose.yml runs two of these; deploy/README.md lists the variables.

ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Compile: the API's dependencies with its dev tools (TypeScript sits in the root workspace).
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY api/package.json api/
COPY client/package.json client/
COPY examples/package.json examples/
RUN npm ci --no-audit --no-fund --workspace api --include-workspace-root
COPY tsconfig.json ./
COPY api/tsconfig.json api/tsconfig.build.json api/
COPY api/src api/src
RUN npm run build --workspace api

# 2. The API's production dependencies only (argon2 loads its prebuilt binary: no compiler needed).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY api/package.json api/
COPY client/package.json client/
COPY examples/package.json examples/
RUN mkdir -p api/node_modules \
    && npm ci --no-audit --no-fund --omit=dev --workspace api \
    && npm cache clean --force

# 3. Runtime: compiled code and production dependencies, owned by root and read-only to the
# process; nothing is written inside the image (MONGODB_URI and JWT_SECRET are set in production).
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    PORT=4000
WORKDIR /app
COPY --from=deps /app/package.json ./
COPY --from=deps /app/node_modules node_modules
COPY --from=deps /app/api/node_modules api/node_modules
COPY --from=build /app/api/package.json api/
COPY --from=build /app/api/dist api/dist
# The image's unprivileged user "node", by number (so that runAsNonRoot-style checks can verify it).
USER 1000:1000
EXPOSE 4000
# Ready once the database answers (/readyz: 200, else 503).
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/readyz',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "api/dist/main.js"]
