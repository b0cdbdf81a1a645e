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
bash "$(dirname "$0")/apt-install.sh" chromium fonts-dejavu-core
if [[ ! -x $browser ]]; then
  echo "$browser is still missing after the install." >&2
fi
exit 0
