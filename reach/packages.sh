# Sourced by the reach stages: installs Debian packages that are missing, as CI needs on a fresh
# machine (it runs as root; elsewhere sudo is used). apt-get update runs first unless the package
# lists were read in the last hour, and again once if an install fails on stale lists.

ensure_packages() {
    local missing=() package
    for package in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$package")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi

    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        sudo=(sudo)
    fi
    export DEBIAN_FRONTEND=noninteractive
    local started=$SECONDS
    echo "$stage: installing ${missing[*]} (apt-get)"
    if [ -z "$(find /var/cache/apt/pkgcache.bin -mmin -60 2>/dev/null)" ]; then
        "${sudo[@]}" apt-get update -qq
    fi
    if ! "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null; then
        "${sudo[@]}" apt-get update -qq
        "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
    fi
    echo "$stage: installed ${missing[*]} in $((SECONDS - started)) s"
}
