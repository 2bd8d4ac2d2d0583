# talkoot as a container: the web app is built with Node, the server with Rust, and the final
# image holds only the binary (which embeds the web app).
FROM node:20-bookworm-slim AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
RUN npm run build

FROM rust:1-bookworm AS server
WORKDIR /src
COPY . .
COPY --from=web /src/web/dist web/dist
ENV TALKOOT_SKIP_WEB_BUILD=1
RUN cargo build --release --locked -p talkoot

FROM debian:bookworm-slim
RUN useradd --system --home /data talkoot && mkdir -p /data && chown talkoot /data
COPY --from=server /src/target/release/talkoot /usr/local/bin/talkoot
USER talkoot
ENV TALKOOT_BIND=0.0.0.0:8080 TALKOOT_DATA=/data
EXPOSE 8080
VOLUME /data
ENTRYPOINT ["/usr/local/bin/talkoot"]
