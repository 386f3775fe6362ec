#!/usr/bin/env bash
# env/setup.sh: check, and as root install, the Debian packages listed in env/packages.txt.
#
#   env/setup.sh           check; as root install what is missing; print the versions found
#   env/setup.sh --check   check only, never install (exit 1 if anything is missing)
#
# On success it writes the stamp build/.env-ok (with the versions), so that make does not
# check again until env/packages.txt changes. Without root it installs nothing: it prints the
# exact command to run and exits 1. Debian/Ubuntu only (dpkg-query, apt-get); elsewhere install
# the equivalents by hand and run make with ENV_CHECK=0.
set -euo pipefail

cd "$(dirname "$0")/.."
LIST=env/packages.txt
STAMP=build/.env-ok

install=1
case "${1:-}" in
    "") ;;
    --check) install=0 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "env/setup.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "env/setup.sh: dpkg-query not found: this script supports Debian and Ubuntu only." >&2
    echo "Install the equivalents of the packages in $LIST by hand, then run make with ENV_CHECK=0." >&2
    exit 1
fi

# Package names: first word of each line, comments and blank lines dropped.
mapfile -t pkgs < <(sed -e 's/#.*//' "$LIST" | awk 'NF { print $1 }')

is_installed() {
    [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

missing=()
for p in "${pkgs[@]}"; do
    if is_installed "$p"; then
        printf '  ok         %s\n' "$p"
    else
        missing+=("$p")
    fi
done

if [ "${#missing[@]}" -gt 0 ]; then
    apt_line="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
    if [ "$install" -eq 0 ] || [ "$(id -u)" -ne 0 ]; then
        echo "env/setup.sh: missing Debian packages: ${missing[*]}" >&2
        echo "Install them as root with:" >&2
        echo "    sudo env/setup.sh" >&2
        echo "or:" >&2
        echo "    sudo sh -c '$apt_line'" >&2
        exit 1
    fi
    echo "env/setup.sh: installing ${missing[*]}"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
    for p in "${missing[@]}"; do
        if is_installed "$p"; then
            printf '  installed  %s\n' "$p"
        else
            echo "env/setup.sh: $p is still not installed after apt-get" >&2
            exit 1
        fi
    done
fi

# Versions of what the build uses. sed -n 1p rather than head: head would close the pipe early.
first_line() { "$@" 2>&1 | sed -n 1p || true; }
pkg_version() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo "?"; }
versions=$(cat <<EOF
gcc        $(first_line gcc --version)
gsl        $(gsl-config --version 2>/dev/null || echo "?")
openblas   $(pkg_version libopenblas-dev)
cunit      $(pkg_version libcunit1-dev)
gnuplot    $(first_line gnuplot --version)
pandoc     $(first_line pandoc --version)
weasyprint $(first_line weasyprint --version)
make       $(first_line make --version)
EOF
)
echo "$versions"

created_build=0
[ -d build ] || created_build=1
mkdir -p build
printf '# written by env/setup.sh: every package of %s is installed\n%s\n' "$LIST" "$versions" > "$STAMP.tmp"
mv -f "$STAMP.tmp" "$STAMP"
# Run through sudo: leave build/ owned by the user who will run make.
if [ -n "${SUDO_UID:-}" ] && [ "$(id -u)" -eq 0 ]; then
    if [ "$created_build" -eq 1 ]; then chown "$SUDO_UID:${SUDO_GID:-$SUDO_UID}" build; fi
    chown "$SUDO_UID:${SUDO_GID:-$SUDO_UID}" "$STAMP"
fi
