#!/usr/bin/env bash
# Installs everything the Citygate test suite needs on a Debian 12 machine.
# Idempotent: a second run changes nothing. Run as root (or as a user with sudo).
# Usage: tools/install.sh   (from any directory)
set -euo pipefail

# Debian packages the test suite needs, one per line.
APT_PACKAGES=(
  ca-certificates # HTTPS for the Maven wrapper and npm (curl only recommends it)
  curl            # Maven wrapper download
  unzip           # Maven wrapper unpacking
  mosquitto       # MQTT broker (+ mosquitto_passwd): tests start their own on free loopback ports
  mosquitto-clients # mosquitto_pub, mosquitto_sub: independent MQTT peers in tests
  libcoap3-bin    # coap-client-openssl (-gnutls, -notls): an independent CoAP peer in tests
  openssl         # TLS certificates for the tests' brokers
)
# Installing `mosquitto` also enables Debian's system broker (mosquitto.service, where systemd
# runs). Mosquitto 2's default configuration listens on localhost:1883 only; the tests never use
# port 1883 (each starts its own broker on a free port), so the service may stay or be disabled
# with `systemctl disable --now mosquitto`: nothing in Citygate's tests depends on it either way.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf 'citygate: %s\n' "$*"; }
die() { printf 'citygate: error: %s\n' "$*" >&2; exit 1; }

# Tool-conditional packages: only when the command is missing, so a JDK or Node
# installed some other way (SDKMAN, NodeSource, ...) is left alone.
have() { command -v "$1" >/dev/null 2>&1; }
have javac || APT_PACKAGES+=(openjdk-17-jdk-headless)
if ! have node; then
  APT_PACKAGES+=(nodejs npm)
elif ! have npm; then
  APT_PACKAGES+=(npm)
fi

# --- apt packages ------------------------------------------------------------
apt_installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = installed ]
}

if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    apt_installed "$pkg" || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    SUDO=()
    if [ "$(id -u)" -ne 0 ]; then
      command -v sudo >/dev/null 2>&1 || die "not root and no sudo; install as root: ${missing[*]}"
      SUDO=(sudo)
    fi
    say "installing apt packages: ${missing[*]}"
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    say "apt packages up to date"
  fi
else
  say "warning: no dpkg (not Debian?); make sure these are installed: ${APT_PACKAGES[*]}"
fi

# --- npm tools (tools/package-lock.json) -------------------------------------
LOCK=tools/package-lock.json
STAMP=tools/node_modules/.citygate-lock.sha
lock_sha="$(sha256sum "$LOCK" | cut -d' ' -f1)"
if [ -d tools/node_modules ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$lock_sha" ]; then
  say "npm tools up to date"
else
  say "installing npm tools (npm ci in tools/)"
  npm ci --prefix tools --no-audit --no-fund --loglevel=error
  printf '%s\n' "$lock_sha" >"$STAMP"
fi

# anvil ships as a native binary for linux x86-64 only in the lockfile.
if ! tools/node_modules/.bin/anvil --version >/dev/null 2>&1; then
  say "warning: anvil is not available on $(uname -s)/$(uname -m); EVM tests will fail"
fi
