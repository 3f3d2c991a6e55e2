# Production image: the official Open Liberty kernel with only the features server.xml names.
# Build the WAR first (./mvnw package), then: docker build -t flash-sale .
# Never starts embedded stores: set FLASHSALE_REDIS_URL, FLASHSALE_MONGO_URI and
# FLASHSALE_ADMIN_PASSWORD (from a secret) when running it, and FLASHSALE_QUEUE_TOKEN_SECRET (from a
# secret, the same on every instance) for sales with a waiting room.
FROM icr.io/appcafe/open-liberty:kernel-slim-java17-openj9-ubi-minimal

# 1. Server configuration: the server.xml liberty:run and the tests run with (not the configDropins
#    placeholder that Maven-run servers swap for their test settings)
COPY --chown=1001:0 src/main/liberty/config/server.xml /config/server.xml

# 2. Install exactly the features server.xml lists
RUN features.sh

# 3. The application
COPY --chown=1001:0 target/flash-sale.war /config/apps/flash-sale.war

ENV FLASHSALE_EMBEDDED_ENABLED=false
# JSON console logs for log shipping; each line of a request carries its X-Request-Id.
ENV FLASHSALE_LOG_FORMAT=json

# 4. Pre-warm the shared class cache and apply the image's default configuration
RUN configure.sh

USER 1001
EXPOSE 9080 9443
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s \
  CMD curl -fsS http://localhost:9080/health/ready || exit 1
