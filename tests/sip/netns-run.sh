#!/usr/bin/env bash
# Runs a command inside a private, throw-away network namespace (needs root; `unshare --net`), for the
# browser tier: Chromium's WebRTC never gathers loopback candidates and gathers NOTHING without a default
# route. The namespace has lo up plus a veth with 198.18.0.10/24 and a default route via a gateway that
# does not exist, so Chromium gets exactly one host candidate that only exists in here. Kamailio, the host,
# the static server and Chromium all talk over 127.0.0.1 / 198.18.0.10; nothing can leave the namespace.
# Adapted from ../shared/sip-lab/netns-run.sh.
# Usage: bash tests/sip/netns-run.sh npx vitest run --config tests/vitest.config.ts --project browser
# Already inside one (AGENTDESK_NETNS=1) or not root: runs the command as it is (the softphone test then
# skips its WebRTC part with a message instead of failing for lack of ICE candidates).
set -euo pipefail
if [[ "${AGENTDESK_NETNS:-}" == "1" || "$(id -u)" != "0" ]] || ! command -v unshare >/dev/null; then
  exec "$@"
fi
exec unshare --net -- bash -c '
  set -e
  ip link set lo up
  ip link add agentdesk0 type veth peer name agentdesk1
  ip addr add 198.18.0.10/24 dev agentdesk0
  ip link set agentdesk0 up
  ip link set agentdesk1 up
  ip route add default via 198.18.0.1 dev agentdesk0
  export AGENTDESK_NETNS=1
  exec "$@"' netns-run "$@"
