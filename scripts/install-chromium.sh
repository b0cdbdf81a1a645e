#!/usr/bin/env bash
# Installs Debian's chromium for the web host sample's browser tests when /usr/bin/chromium (or the
# browser named by PROACTIVE_CHROMIUM) is missing. The tests drive this system browser; nothing
# downloads a browser build of its own. Prints why when it cannot install it: build.sh then fails
# the browser tests (PROACTIVE_REQUIRE_SERVICES=1) instead of skipping them.
set -euo pipefail

browser=${PROACTIVE_CHROMIUM:-/usr/bin/chromium}
if [[ -x $browser ]]; then
  exit 0
fi

echo "$browser is missing: installing Debian's chromium." >&2
sudo_cmd=""
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo_cmd="sudo -n"
  else
    echo "Could not install chromium: not root and sudo needs a password; the browser tests will fail." >&2
    exit 0
  fi
fi
if ! command -v apt-get >/dev/null; then
  echo "Could not install chromium: apt-get is missing (not a Debian-based machine); the browser tests will fail." >&2
  exit 0
fi
log=$(mktemp)
# Another install on the machine may hold dpkg's lock: wait for it rather than fail.
wait_lock=(-o DPkg::Lock::Timeout=600)
if ! { $sudo_cmd apt-get "${wait_lock[@]}" update -qq &&
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get "${wait_lock[@]}" install -y -qq --no-install-recommends \
    chromium fonts-dejavu-core; } >"$log" 2>&1; then
  echo "Could not install chromium; the browser tests will fail. apt-get said:" >&2
  tail -n 20 "$log" >&2
fi
rm -f "$log"
if [[ ! -x $browser ]]; then
  echo "$browser is still missing after the install." >&2
fi
exit 0
