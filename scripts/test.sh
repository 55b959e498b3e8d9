#!/usr/bin/env bash
# `npm test`: installs what the tests need when it is missing, then runs everything:
# lint, both typechecks, unit and integration tests, and the end-to-end tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages the tests use (Debian/Ubuntu). Real servers come from here, never mocks.
# The fleet's servers (test/fleet/README.md) come from here too.
APT_PACKAGES=(chromium openssh-server openssh-client postgresql pgbouncer redis-server nginx goaccess openssl podman runc busybox-static uidmap slirp4netns fuse-overlayfs conmon containernetworking-plugins)
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
for f in /usr/sbin/sshd /usr/bin/ssh-keygen /usr/bin/ssh-agent /usr/lib/postgresql/15/bin/initdb /usr/sbin/pgbouncer /usr/bin/redis-server /usr/sbin/nginx /usr/bin/podman /usr/sbin/runc /usr/bin/conmon /bin/busybox /usr/bin/goaccess /usr/bin/openssl; do
  [ -x "$f" ] || missing+=("$f")
done
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages: ${APT_PACKAGES[*]}"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${APT_PACKAGES[@]}" >/dev/null
  else
    echo "Missing: ${missing[*]}. Install them with your package manager: ${APT_PACKAGES[*]} (the tests need Chromium at /usr/bin/chromium or CHROMIUM_PATH, and the fleet's servers)." >&2
    exit 1
  fi
fi

# Node packages: a clean install when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing Node packages (npm ci)…"
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund
fi

run() {
  local name=$1; shift
  local t0=$SECONDS
  echo "── $name"
  "$@"
  echo "── $name: ok ($((SECONDS - t0)) s)"
}
run lint npx eslint .
run typecheck-node npx tsc --noEmit -p tsconfig.node.json
run typecheck-web npx tsc --noEmit -p tsconfig.web.json
run unit+integration npx vitest run
run build npx electron-vite build
run e2e npx vitest run --config vitest.e2e.config.mts
echo "All tests passed."
