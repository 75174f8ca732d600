# Shared set-up for scripts/build, scripts/test, scripts/preview and scripts/bench.
# Source it; it defines ROOT, VENV and PY and the two ensure_* functions.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

# Create or refresh .venv from requirements.txt (exact pins). The stamp records
# the hash of requirements.txt and the interpreter, so an edit to either rebuilds it.
ensure_venv() {
    local base stamp want
    stamp="$VENV/.mlm-requirements"
    # Fast path, on every command: the stamp names the requirements' hash and the version of
    # the interpreter the venv runs (the venv's own python answers without a pyenv shim).
    if [ -x "$PY" ] && [ -f "$stamp" ] && \
       [ "$(cat "$stamp")" = "$(sha256sum < "$ROOT/requirements.txt" | cut -c1-16) $("$PY" -V 2>&1)" ]; then
        return 0
    fi
    base="$(command -v python3.11 || command -v python3 || true)"
    if [ -z "$base" ]; then
        echo "error: Python 3.11 is required (install python3 and python3-venv)" >&2
        exit 1
    fi
    if ! "$base" -c 'import sys; sys.exit(sys.version_info[:2] < (3, 11))'; then
        echo "error: Python 3.11 or newer is required; $base is $("$base" -V 2>&1)" >&2
        exit 1
    fi
    want="$(sha256sum < "$ROOT/requirements.txt" | cut -c1-16) $("$base" -V 2>&1)"
    if [ -x "$PY" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        return 0
    fi
    echo "setting up .venv from requirements.txt (first run, or requirements changed) ..." >&2
    rm -rf "$VENV"
    "$base" -m venv "$VENV"
    if ! "$PY" -m pip install --quiet --disable-pip-version-check -r "$ROOT/requirements.txt" \
            > "$VENV/pip-install.log" 2>&1; then
        cat "$VENV/pip-install.log" >&2
        echo "error: pip could not install requirements.txt (log above)" >&2
        rm -f "$stamp"
        exit 1
    fi
    # Make the project's Python packages (scripts/bookbuild, scripts/mathcheck) importable.
    local site
    site="$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
    echo "$ROOT/scripts" > "$site/math-for-ml.pth"
    echo "$want" > "$stamp"
}

# Install missing Debian packages listed in the given files. As root this runs
# apt-get; otherwise it prints the exact command and stops.
ensure_apt() {
    local missing=() pkg
    if ! command -v dpkg-query >/dev/null 2>&1; then
        echo "warning: not a Debian/Ubuntu system; make sure these are installed:" >&2
        sed -e 's/#.*//' "$@" | xargs echo >&2
        return 0
    fi
    local installed
    # One dpkg-query for all of them (one per package took 0.15 s on every build).
    # shellcheck disable=SC2046
    installed=" $(dpkg-query -W -f='${Package}:${Status}\n' $(sed -e 's/#.*//' "$@") 2>/dev/null \
        | sed -n 's/:install ok installed$//p' | tr '\n' ' ' || true) "
    for pkg in $(sed -e 's/#.*//' "$@"); do
        if [[ "$installed" != *" $pkg "* ]]; then
            missing+=("$pkg")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -eq 0 ]; then
        echo "installing Debian packages: ${missing[*]}" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "error: these Debian packages are missing: ${missing[*]}" >&2
        echo "install them with:" >&2
        echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
        echo "then run this command again." >&2
        exit 1
    fi
}
