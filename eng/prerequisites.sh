# Sourced by eng/*.sh: makes sure the OS programs Platform runs are present, installing them
# with apt-get when this shell may (root, or sudo without a password), else naming what is missing.

# The PostgreSQL server binaries live outside PATH on Debian (/usr/lib/postgresql/<v>/bin).
have_binary() {
  command -v "$1" >/dev/null 2>&1 && return 0
  compgen -G "/usr/lib/postgresql/*/bin/$1" >/dev/null
}

ensure_packages() { # binary:package ...
  local missing=() pair
  for pair in "$@"; do
    have_binary "${pair%%:*}" || missing+=("${pair#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; fi
  fi
  if ! command -v apt-get >/dev/null 2>&1 || { [ "$(id -u)" -ne 0 ] && [ -z "$sudo" ]; }; then
    echo "missing: ${missing[*]} — install with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "installing ${missing[*]} (apt-get install -y ${missing[*]})"
  apt_get "$sudo" update -qq
  apt_get "$sudo" install -y -qq --no-install-recommends "${missing[@]}"
  # Debian starts the packaged services on install; Platform runs its own on free ports.
  for svc in redis-server postgresql; do
    $sudo systemctl disable --now "$svc" >/dev/null 2>&1 || $sudo service "$svc" stop >/dev/null 2>&1 || true
  done
}

# apt-get with the same arguments, waiting (up to 10 minutes) while another apt holds its lock, as unattended
# upgrades do on a fresh machine, instead of failing with apt's raw lock error.
apt_get() { # sudo-or-empty args...
  local sudo=$1 out waited=""
  shift
  for _ in $(seq 120); do
    if out=$($sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=5 "$@" 2>&1); then
      return 0
    fi
    case "$out" in
      *"Could not get lock"*|*"Unable to acquire"*|*"is held by process"*)
        [ -n "$waited" ] || echo "waiting for apt's lock: another apt-get or unattended-upgrades is running" >&2
        waited=1
        sleep 5 ;;
      *) echo "$out" >&2; echo "apt-get $* failed; fix the above and run again" >&2; exit 1 ;;
    esac
  done
  echo "apt stayed locked for 10 minutes; run: sudo apt-get $*" >&2
  exit 1
}
