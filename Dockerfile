# The platform image, in stages:
#   build    all dependencies, contracts compiled, TypeScript built
#   prod     production dependencies only (no optional ones: the image has its own Node)
#   runtime  (default) API, worker and setup: dist + production dependencies, as user "node"
#   chain    a local Hardhat node for docker-compose (needs Hardhat, a development dependency)
FROM node:24-bookworm-slim AS build
WORKDIR /app
ENV CI=true NPM_CONFIG_UPDATE_NOTIFIER=false
COPY package.json package-lock.json ./
COPY tools/openapi/package.json tools/openapi/package.json
COPY scripts/install-native.mjs scripts/install-native.mjs
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:24-bookworm-slim AS prod
WORKDIR /app
ENV CI=true NPM_CONFIG_UPDATE_NOTIFIER=false
COPY package.json package-lock.json ./
COPY tools/openapi/package.json tools/openapi/package.json
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM node:24-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production PORT=3000
COPY --from=prod --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build --chown=root:root /app/package.json ./package.json
COPY --from=build --chown=root:root /app/scripts/register-aliases.mjs ./scripts/register-aliases.mjs
# The code is root's and read-only to the process, which runs unprivileged.
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live').then((r)=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Default: the API. docker-compose.yml runs setup and the worker from the same image.
CMD ["node", "--enable-source-maps", "--import", "./scripts/register-aliases.mjs", "dist/apps/api/src/main.js"]

FROM build AS chain
RUN chown -R node:node /app/contracts/cache /app/contracts/artifacts 2>/dev/null || true
USER node
EXPOSE 8545
CMD ["node", "node_modules/hardhat/dist/src/cli.js", "node", "--config", "contracts/hardhat.config.ts", "--hostname", "0.0.0.0", "--port", "8545"]
