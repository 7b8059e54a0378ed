# syntax=docker/dockerfile:1
# The coalition bot as a small, static, non-root image.
#   docker build --build-arg VERSION=$(git describe --always --dirty) -t coalitionbot .
#   docker compose up -d
# dockerfile_test.go runs this file's go build line exactly, so keep it on
# one line.

FROM golang:1.26 AS build
WORKDIR /src
# Modules first, in their own layer: rebuilt only when go.mod or go.sum change.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 go build -buildvcs=false -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/coalitionbot .

# distroless/static: CA certificates and time zones, no shell, no libc;
# :nonroot runs as uid 65532.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/coalitionbot /coalitionbot
# HTTP_ADDR's default: /healthz and /metrics in both modes, /interactions
# with `serve`.
EXPOSE 8080
# No shell or curl in the image: the binary checks itself.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["/coalitionbot", "healthcheck"]
ENTRYPOINT ["/coalitionbot"]
CMD ["bot"]
