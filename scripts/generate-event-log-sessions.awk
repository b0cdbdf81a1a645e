# The "sessions" shape of scripts/generate-event-log.sh: visits of 10 to 60 events by "active"
# visitors browsing at once, "rate" events a second. A Park-Miller generator keeps the output the
# same on every awk (no rand()).
function rnd(n) { seed = (seed * 16807) % 2147483647; return seed % n }
function newSession(s) {
  if (visitors > 0 && rnd(10) < 3) { sv[s] = "v-" rnd(visitors); sret[s] = "true"; svis[s] = 2 + rnd(4) }
  else { sv[s] = "v-" visitors; visitors++; sret[s] = "false"; svis[s] = 1 }
  sleft[s] = 10 + rnd(51); spv[s] = 0; scountry[s] = countries[rnd(4)]; slang[s] = langs[rnd(3)]
  newPage(s)
}
function newPage(s) { spath[s] = paths[rnd(5)]; sstart[s] = -1; sdwell[s] = 20 + rnd(100); spv[s]++; sout[s] = 0 }
BEGIN {
  seed = 20261130; start = 1796029200   # 2026-11-30T09:00:00Z
  paths[0] = "/checkout/payment"; paths[1] = "https://example.com/pricing"; paths[2] = "/blog/spring"; paths[3] = "/checkout/cart"; paths[4] = "/products/desk-lamp"
  countries[0] = "PT"; countries[1] = "GB"; countries[2] = "DE"; countries[3] = "BR"
  langs[0] = "en-GB"; langs[1] = "pt-BR"; langs[2] = "de-DE"
  visitors = 0
  for (s = 0; s < active; s++) newSession(s)
  for (i = 0; i < count; i++) {
    now = start + i / rate
    t = int(now)
    at = strftime("%Y-%m-%dT%H:%M:%SZ", t, 1)
    s = rnd(active)
    if (sstart[s] < 0) { sstart[s] = now; type = "pageView"; top = 0 }
    else {
      top = int(now - sstart[s])
      if (top > sdwell[s]) { newPage(s); sstart[s] = now; type = "pageView"; top = 0 }
      else if (spath[s] ~ /^\/checkout/ && top >= 30 && sout[s] < 2 && rnd(3) == 0) {
        outcome = (sout[s] == 0) ? "opened" : "replied"; sout[s]++
        printf "{\"formatVersion\":1,\"at\":\"%s\",\"type\":\"outcome\",\"visitorId\":\"%s\",\"outcome\":\"%s\",\"messageId\":\"checkout-help\"}\n", at, sv[s], outcome
        if (--sleft[s] <= 0) newSession(s)
        continue
      }
      else type = "heartbeat"
    }
    printf "{\"formatVersion\":1,\"at\":\"%s\",\"type\":\"%s\",\"channelId\":\"web-main\",\"visitorId\":\"%s\",\"visitor\":{\"url\":\"%s\",\"timeOnPage\":%d,\"pageViews\":%d,\"visits\":%d,\"isReturning\":%s,\"country\":\"%s\",\"language\":\"%s\"}}\n", at, type, sv[s], spath[s], top, spv[s], svis[s], sret[s], scountry[s], slang[s]
    if (--sleft[s] <= 0) newSession(s)
  }
}
