# syntax=docker/dockerfile:1
# Build: compile TypeScript with all dependencies.
FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY dialogs ./dialogs
# The chat widget's TypeScript and the demo page, bundled into dist/web by npm run build.
COPY web ./web
# Dictionaries are imported as JSON modules, so the compiler needs them.
COPY knowledge ./knowledge
RUN npm run build

# Production dependencies only.
FROM node:20.20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# Runtime: compiled code + production dependencies, as the unprivileged `node` user.
FROM node:20.20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3978 \
    DATA_DIR=/app/.data \
    LOG_FORMAT=json
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY knowledge ./knowledge
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Migrations as their own step: docker run --rm -e DATABASE_URL=… IMAGE node dist/src/migrateMain.js
CMD ["node", "dist/src/main.js"]
