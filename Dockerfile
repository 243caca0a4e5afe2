# bcfsite in a container: `docker build -t bcfsite .`, then, in a site folder,
#   docker run --rm -v "$PWD:/site" bcfsite build /site
#   docker run --rm -v "$PWD:/site" bcfsite check /site --strict
#   docker run --rm -v "$PWD:/site" -p 1111:1111 bcfsite serve /site --bind 0.0.0.0
# See docs/deploy.md.

# Build stage: the release binary, with its debug line tables stripped.
FROM rust:1-slim-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin bcfsite \
 && strip target/release/bcfsite

# Run stage: Google's distroless base with glibc and libgcc and nothing else (no
# shell, no package manager), as a user without root rights.
FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /src/target/release/bcfsite /usr/local/bin/bcfsite
WORKDIR /site
ENTRYPOINT ["/usr/local/bin/bcfsite"]
CMD ["build", "/site"]
