// generator/bounces/bounce_log.py: a bounce log's entries, one per recipient.
(function (MFKB) {
  "use strict";
  var ADDRESS = MFKB.bounces.address.ADDRESS;

  // Cisco AsyncOS's bounce log: each entry from its "Info: Bounced: MID:RID" (or "Delayed:") line to
  // the next, for the recipient its envelope's "To:<...>" names (bounce_log.py).
  var BOUNCE_LOG_ENTRY_RE = /^[^\n]*\bInfo: (?:Bounced|Delayed): [0-9]+:[0-9]+\b/gm;
  var ENVELOPE_TO_RE = new RegExp("\\bTo:[ \\t]*<(" + ADDRESS + ")>");

  function bounceLogEntries(body, recipients) {
    var wanted = {};
    recipients.forEach(function (recipient) { if (recipient) wanted[recipient] = true; });
    var starts = Array.from(body.matchAll(BOUNCE_LOG_ENTRY_RE), function (match) { return match.index; });
    var entries = {};
    starts.forEach(function (start, index) {
      var entry = body.slice(start, index + 1 < starts.length ? starts[index + 1] : body.length);
      var to = ENVELOPE_TO_RE.exec(entry);
      if (to && wanted[to[1].toLowerCase()]) (entries[to[1].toLowerCase()] = entries[to[1].toLowerCase()] || []).push(entry);
    });
    var out = {};
    Object.keys(entries).forEach(function (recipient) { out[recipient] = entries[recipient].join("\n"); });
    return out;
  }

  MFKB.bounces.bounce_log = { bounceLogEntries: bounceLogEntries };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
