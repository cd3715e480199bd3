#!/usr/bin/env bash
# Installs what the extension's real-VS-Code tests need on a machine with only the npm registry and Debian's
# packages reachable: code-server (a full VS Code build) into .vscode-test/, plus Debian chromium for
# playwright-core. Idempotent: a finished install is detected by a marker file and skipped.
# Usage: scripts/e2e/install-code-server.sh            (run as root on Debian 12, or with the apt packages present)
set -euo pipefail

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"   # newest release whose engines accept Node 20
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PREFIX="$ROOT/.vscode-test/code-server-$CODE_SERVER_VERSION"
MARKER="$PREFIX/.installed"

if [[ -f "$MARKER" ]]; then
  echo "code-server $CODE_SERVER_VERSION already installed in $PREFIX"
  exit 0
fi

# Native modules (kerberos, node-pty, native-keymap, @vscode/spdlog) compile from source; ripgrep and chromium
# are used at run time.
APT_PACKAGES=(pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev ripgrep chromium python3 make g++)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if (( ${#missing[@]} )); then
  echo "installing Debian packages: ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then echo "need root to apt-get install ${missing[*]}" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# @vscode/ripgrep downloads rg from GitHub in its postinstall unless its cache already holds the archive:
# put Debian's rg there under the name it looks for.
TMP="${TMPDIR:-/tmp}"
RG_CACHE="$TMP/vscode-ripgrep-cache-1.15.11"
RG_ARCHIVE="$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [[ ! -f "$RG_ARCHIVE" ]]; then
  mkdir -p "$RG_CACHE"
  staging="$(mktemp -d)"
  cp "$(command -v rg)" "$staging/rg"
  tar -czf "$RG_ARCHIVE" -C "$staging" rg
  rm -rf "$staging"
fi

mkdir -p "$PREFIX"
# npx inside node-pty's postinstall must not prompt; postinstalls must run as root.
export npm_config_yes=true npm_config_unsafe_perm=true
echo "installing code-server@$CODE_SERVER_VERSION into $PREFIX (about 80 s)"
started=$(date +%s)
npm install --prefix "$PREFIX" --no-audit --no-fund --no-save --loglevel=error "code-server@$CODE_SERVER_VERSION"
test -x "$PREFIX/node_modules/.bin/code-server"
touch "$MARKER"
echo "code-server installed in $(( $(date +%s) - started )) s"
