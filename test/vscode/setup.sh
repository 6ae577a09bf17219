#!/usr/bin/env bash
# Installs what the real-VS-Code tests need: a few Debian packages and code-server
# (VS Code 1.100.3 served to a browser) in the git-ignored .cache/ folder.
# Idempotent: a second run only checks and returns within seconds.
# Everything comes from Debian and the npm registry; nothing is downloaded from elsewhere.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
# @vscode/ripgrep (pulled in by code-server's VS Code) downloads rg from GitHub in its
# postinstall unless this archive is already in its cache folder under $TMPDIR.
RIPGREP_PACKAGE_VERSION=1.15.11
RIPGREP_ARCHIVE=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
DEBIAN_PACKAGES=(chromium libkrb5-dev build-essential ripgrep python3 git)

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cache="$repo/.cache"
prefix="$cache/code-server-$CODE_SERVER_VERSION"
entry="$prefix/node_modules/code-server/out/node/entry.js"
marker="$prefix/.installed"
started=$SECONDS

mkdir -p "$cache"
# Two test scripts started together must not install into the same folder at once.
exec 9>"$cache/setup.lock"
flock 9

fail() {
  echo "setup: $*" >&2
  exit 1
}

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo none)
if [[ "$node_major" != 20 ]]; then
  fail "code-server $CODE_SERVER_VERSION needs Node 20 (found: $node_major). Install Node 20 and run again."
fi

is_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

if ! command -v dpkg-query >/dev/null; then
  fail "this is not a Debian-like system; install these packages (or their equivalents) by hand: ${DEBIAN_PACKAGES[*]}"
fi

missing=()
for package in "${DEBIAN_PACKAGES[@]}"; do
  is_installed "$package" || missing+=("$package")
done
if ((${#missing[@]} > 0)); then
  if [[ $(id -u) != 0 ]]; then
    fail "missing Debian packages: ${missing[*]}
Install them as root, then run this again:
  sudo apt-get update && sudo apt-get install -y ${missing[*]}"
  fi
  echo "setup: installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Native modules are compiled for one Node ABI, so a Node upgrade means a reinstall.
wanted="code-server $CODE_SERVER_VERSION node $(node -p 'process.versions.modules')"
if [[ -f "$marker" && "$(cat "$marker")" == "$wanted" && -f "$entry" ]]; then
  echo "setup: code-server $CODE_SERVER_VERSION and Debian packages present ($((SECONDS - started)) s)"
  exit 0
fi

echo "setup: installing code-server $CODE_SERVER_VERSION into .cache/ (about a minute or two)"
rm -rf "$prefix"
tmp="$cache/tmp"
ripgrep_cache="$tmp/vscode-ripgrep-cache-$RIPGREP_PACKAGE_VERSION"
mkdir -p "$prefix" "$ripgrep_cache" "$cache/xdg/config" "$cache/xdg/data"
tar -czf "$ripgrep_cache/$RIPGREP_ARCHIVE" -C "$(dirname "$(command -v rg)")" rg
# Its own package.json keeps npm from treating the extension as the project to install into.
echo '{ "name": "code-server-install", "private": true }' >"$prefix/package.json"

node_prefix=$(dirname "$(dirname "$(command -v node)")")
(
  cd "$prefix"
  # yes: node-pty's postinstall runs `npx node-gyp`; nodedir: build against local headers, download nothing;
  # XDG dirs: keep code-server from writing into the user's home.
  TMPDIR="$tmp" XDG_CONFIG_HOME="$cache/xdg/config" XDG_DATA_HOME="$cache/xdg/data" \
    npm_config_yes=true npm_config_nodedir="$node_prefix" \
    npm install --unsafe-perm --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" >"$prefix/install.log" 2>&1
) || fail "npm install code-server@$CODE_SERVER_VERSION failed; see .cache/code-server-$CODE_SERVER_VERSION/install.log"

[[ -x "$prefix/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ]] ||
  fail "code-server installed without ripgrep; see .cache/code-server-$CODE_SERVER_VERSION/install.log"
version=$(XDG_CONFIG_HOME="$cache/xdg/config" XDG_DATA_HOME="$cache/xdg/data" node "$entry" --version | grep -m1 -E '^[0-9]' || true)
[[ "$version" == "$CODE_SERVER_VERSION"* ]] || fail "code-server reports version '$version', expected $CODE_SERVER_VERSION"

echo "$wanted" >"$marker"
echo "setup: code-server $version ready ($((SECONDS - started)) s)"
