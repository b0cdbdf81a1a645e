#!/usr/bin/env bash
# Writes a synthetic event log (the event format, version 1; docs/tool.md) for the example catalog
# docs/examples/catalog.json, for `proactive simulate` and its benchmark (docs/benchmarks.md):
#
#   bash scripts/generate-event-log.sh EVENTS [COUNT] [SHAPE]
#
# COUNT events (default 1,000,000) on channel web-main from Monday 2026-11-30 09:00 UTC (inside the
# example's support hours). Deterministic: the same COUNT and SHAPE give the same file. SHAPE:
#
#   scattered (default)  100,000 visitors taken in a fixed stride, 40 events a second, so each
#                        visitor comes back only every 100,000 lines: page views of the checkout,
#                        pricing and blog pages, heartbeats as time on page grows, and one event in
#                        twenty an outcome (opened or replied) for the checkout message by the
#                        visitor seven lines before. The worst case for the engine's caches.
#   sessions             traffic as a site sees it: 500 visitors browsing at any moment, 100 events
#                        a second, each visit 10 to 60 events (a page view, heartbeats every few
#                        seconds with the true time on page, the next page after 20 to 120 s), three
#                        visits in ten by a returning visitor, and an open then a reply for the
#                        checkout message by some visitors past 30 s on a checkout page.
set -euo pipefail
out=${1:?usage: generate-event-log.sh EVENTS [COUNT]}
count=${2:-1000000}
shape=${3:-scattered}
case $shape in
  scattered) ;;
  sessions)
    exec awk -v count="$count" -v active=500 -v rate=100 -f "$(dirname "$0")/generate-event-log-sessions.awk" >"$out"
    ;;
  *)
    echo "unknown shape '$shape': scattered or sessions" >&2
    exit 2
    ;;
esac
awk -v count="$count" 'BEGIN {
  start = 1796029200   # 2026-11-30T09:00:00Z
  paths[0] = "/checkout/payment"; paths[1] = "https://example.com/pricing"; paths[2] = "/blog/spring"; paths[3] = "/checkout/cart"
  countries[0] = "PT"; countries[1] = "GB"; countries[2] = "DE"; countries[3] = "BR"
  for (i = 0; i < count; i++) {
    t = start + int(i / 40)
    at = strftime("%Y-%m-%dT%H:%M:%SZ", t, 1)
    v = (i * 7919) % 100000
    kind = i % 20
    if (kind == 19) {
      # About the visitor of the line seven before: a page view of the checkout 84 s long, shown the message.
      v = ((i - 7) * 7919) % 100000
      outcome = (i % 40 == 19) ? "replied" : "opened"
      printf "{\"formatVersion\":1,\"at\":\"%s\",\"type\":\"outcome\",\"visitorId\":\"v-%d\",\"outcome\":\"%s\",\"messageId\":\"checkout-help\"}\n", at, v, outcome
      continue
    }
    type = (kind % 3 == 0) ? "pageView" : "heartbeat"
    printf "{\"formatVersion\":1,\"at\":\"%s\",\"type\":\"%s\",\"channelId\":\"web-main\",\"visitorId\":\"v-%d\",\"visitor\":{\"url\":\"%s\",\"timeOnPage\":%d,\"pageViews\":%d,\"visits\":%d,\"isReturning\":%s,\"country\":\"%s\",\"language\":\"en-GB\"}}\n", at, type, v, paths[v % 4], (kind * 7) % 90, 1 + kind % 6, 1 + v % 3, (v % 3 > 0) ? "true" : "false", countries[v % 4]
  }
}' >"$out"
