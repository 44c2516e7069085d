# btmock: the mock appliance as a container for CI service containers and testcontainers.
# Build: docker build -t btmock .   Run: docker run -p 8080:8080 btmock
FROM node:20-slim AS deps
WORKDIR /app
# libxmljs2 compiles a native addon when no prebuilt binary fits the platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production \
    BTMOCK_HOST=0.0.0.0 \
    BTMOCK_PORT=8080
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY server ./server
COPY generators ./generators
COPY schemas ./schemas
USER node
EXPOSE 8080 8443
HEALTHCHECK --interval=5s --timeout=4s --start-period=10s --retries=6 \
  CMD ["node", "bin/healthcheck.js"]
ENTRYPOINT ["node", "bin/btmock.js"]
CMD ["serve"]
