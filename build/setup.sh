#!/usr/bin/env bash
# Makes this checkout ready to run or test, idempotently; `npm start` and `npm test` call it first.
#   build/setup.sh          npm packages (when package-lock.json changed) + the build
#   build/setup.sh --test   also the Debian packages the tests use (Chromium, Kamailio, …), as root or via sudo
# Electron's binary is not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD=1 unless you set it to 0):
# the console runs in browser mode without it, and installers are built on a machine that can fetch it.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test_packages=0
[ "${1:-}" = "--test" ] && want_test_packages=1

# Debian packages for the test tiers (browser: chromium; SIP: kamailio; plain-RTP caller: rtpengine-daemon (userspace
# relay, not the `rtpengine` metapackage with its kernel module), baresip-core, tcpdump; tones: sox; netns: iproute2;
# headsets: libusb-1.0-0, which node-hid's prebuilt binary links against).
test_packages=(chromium kamailio kamailio-websocket-modules rtpengine-daemon baresip-core tcpdump sox iproute2 util-linux libusb-1.0-0)
if [ "$want_test_packages" = 1 ]; then
  missing=()
  for package in "${test_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "setup: installing Debian packages: ${missing[*]}"
    if [ "$(id -u)" = 0 ]; then apt_get=(apt-get); elif command -v sudo >/dev/null; then apt_get=(sudo apt-get); else
      echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1
    fi
    DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" update -qq
    DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq --no-install-recommends "${missing[@]}"
  fi
fi

# npm packages: reinstall only when the lockfile changed since the last install.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.agentdesk-lock-hash
# A tree `npm ci` just installed (CI runs it before `npm test`) carries npm's own record of it, newer than the lock.
if [ ! -f "$stamp" ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then echo "$lock_hash" > "$stamp"; fi
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
  echo "setup: installing npm packages (npm ci)"
  ELECTRON_SKIP_BINARY_DOWNLOAD=${ELECTRON_SKIP_BINARY_DOWNLOAD:-1} npm ci --no-audit --no-fund --ignore-scripts=false
  echo "$lock_hash" > "$stamp"
fi

# The build is cheap (esbuild + vite, a few seconds): always rebuild so nothing stale runs.
node build/bundle.mjs
npx --no-install vite build --config build/vite.renderer.config.ts --logLevel warn
