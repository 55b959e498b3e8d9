/**
 * Shell functions shared by the remote scripts that need them (the host scan, the logs a host
 * offers): one definition each, so a fix reaches every script.
 */

/** `have CMD`: whether CMD is on PATH. */
export const HAVE_FN = String.raw`have() { command -v "$1" >/dev/null 2>&1; }`;

/** `asroot CMD…`: as root when we are root or passwordless sudo works, else as ourselves. Needs `have`. */
export const ASROOT_FN = String.raw`asroot() { if [ "$(id -u)" = 0 ]; then "$@"; elif have sudo && sudo -n true 2>/dev/null; then sudo -n "$@"; else "$@"; fi; }`;

/**
 * `nginx_dump`: `nginx -T` with the -p/-e/-c the running master was started with (our own user's
 * nginx first); 127 when there is no nginx. Needs `have` and `asroot`.
 */
export const NGINX_DUMP_FN = String.raw`nginx_dump() {
  # The master's command line says which -p/-c it runs with; our own user's nginx first.
  m=$( (ps -u "$(id -u)" -o args= 2>/dev/null; ps -eo args= 2>/dev/null) | grep '^nginx: master process' | head -n 1 | sed 's/^nginx: master process //')
  bin=nginx; P=; C=; E=
  if [ -n "$m" ]; then
    set -f; set -- $m; set +f
    if [ -x "$1" ]; then bin=$1; fi
    shift
    while [ $# -gt 0 ]; do
      # dash exits on a failed shift: never shift past the end.
      if [ $# -ge 2 ]; then case "$1" in -p) P=$2; shift;; -c) C=$2; shift;; -e) E=$2; shift;; esac; fi
      shift
    done
  fi
  if ! have "$bin"; then return 127; fi
  set -- -T
  [ -n "$P" ] && set -- "$@" -p "$P"
  [ -n "$E" ] && set -- "$@" -e "$E"
  [ -n "$C" ] && set -- "$@" -c "$C"
  asroot "$bin" "$@" 2>&1
}`;
