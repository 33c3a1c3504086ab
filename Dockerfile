# The platform image: API, worker, one-shot setup and (for docker-compose) a local Hardhat chain.
# Built from the repository with `npm ci && npm run build`; devDependencies stay installed because
# the chain service runs Hardhat and the build compiles the contracts.
# The lockfile pins linux-x64 native packages (Hardhat's EDR, embedded-postgres): build for linux/amd64.
FROM node:24-bookworm-slim

WORKDIR /app
ENV CI=true \
    NPM_CONFIG_UPDATE_NOTIFIER=false

COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY . .
RUN npm run build

ENV PORT=3000
EXPOSE 3000 8545

# Default: the API. docker-compose.yml overrides the command for setup, worker and chain.
CMD ["node", "--enable-source-maps", "--import", "./scripts/register-aliases.mjs", "dist/apps/api/src/main.js"]
