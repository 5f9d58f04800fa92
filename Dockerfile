# One image for all six services (intake, tickets, callbacks, knowledge, reporting, notifications)
# and the gateway.
#
#   docker build -t cs-platform:$(git rev-parse --short HEAD) .
#   docker run --rm -e SERVICE=tickets -e DATABASE_URL=... cs-platform:<tag>
#
# The default command starts the service named by $SERVICE. One-off tasks (provisioning,
# migrations) override the command, e.g. `node dist/apps/tickets/src/migrate.js`; see
# docs/deployment.md. Needs BuildKit (the default builder since Docker 23) for the npm cache
# mounts.

ARG NODE_IMAGE=node:20-bookworm-slim

# --- deps: every dependency, dev ones included, for the compiler -------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund

# --- build: compile apps/ and libs/ into dist/ (plain CommonJS, no bundling) --------------
FROM deps AS build
COPY . .
RUN npm run build

# --- prod-deps: production dependencies only, installed in a clean tree ------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --no-audit --no-fund

# --- runtime ------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    SERVICE=
WORKDIR /app
# A fixed numeric uid/gid so Kubernetes can verify runAsNonRoot (k8s/base pins 10001 too).
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin app
# Code and modules stay owned by root: the service user can read them but not change them.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
USER 10001:10001
# The gateway's port and the six services'.
EXPOSE 3000 3001 3002 3003 3004 3005 3006
STOPSIGNAL SIGTERM
# For `docker run` and compose (Kubernetes uses the pods' probes instead): the process is up.
# PORT is set wherever the image runs (compose, k8s); without it, the service's own default port
# (the gateway 3000, the services 3001–3006 in their order). node's fetch needs no curl in the image.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "const p=process.env.PORT||({gateway:3000,intake:3001,tickets:3002,callbacks:3003,knowledge:3004,reporting:3005,notifications:3006})[process.env.SERVICE];fetch('http://127.0.0.1:'+p+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# `exec` replaces the shell, so node is PID 1 and receives SIGTERM itself; an unset SERVICE
# fails at once with a message instead of a "module not found" for dist/apps//src/main.js.
CMD ["/bin/sh", "-c", "exec node \"dist/apps/${SERVICE:?set SERVICE to intake, tickets, callbacks, knowledge, reporting, notifications or gateway}/src/main.js\""]
