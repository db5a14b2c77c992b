// generator/bounces/queue_listing.py: a mail queue listing's entries and their recipients
// (Postfix's mailq, postqueue -p and -j; Sendmail's mailq).
(function (MFKB) {
  "use strict";
  var ADDRESS_LINE = MFKB.bounces.address.ADDRESS_LINE;
  var ADDRESS = MFKB.bounces.address.ADDRESS;

  // A mail queue listing's entry starts with its queue line (queue_listing.py QUEUE_LINE_RE).
  var QUEUE_LINE_RE = /^[ \t]*[0-9A-Za-z]{6,}[*!]?[ \t]+[0-9]+[ \t]+[A-Z][a-z]{2} [A-Z][a-z]{2} +[0-9]{1,2} [0-9]{2}:[0-9]{2}(?::[0-9]{2})?[^\n]*/gm;
  // The same for one line, tested without a global pattern's lastIndex.
  var QUEUE_LINE_START_RE = new RegExp(QUEUE_LINE_RE.source);
  var QUEUE_RECIPIENT_RE = new RegExp("^" + ADDRESS_LINE + "$");
  // postqueue -j: each recipient an object of its own, with its "delay_reason" (queue_listing.py JSON_QUEUE_RE).
  var JSON_QUEUE_RE = /"queue_id"\s*:/;
  var JSON_QUEUE_OBJECT_RE = /\{(?:[^{}"]|"(?:[^"\\\n]|\\.)*")*\}/g;
  var JSON_QUEUE_ADDRESS_RE = new RegExp('"address"\\s*:\\s*"<?(' + ADDRESS + ")");

  // An address on a queue listing's queue line: the entry's sender (queue_listing.py on_queue_line).
  // Only the QUEUE_SENDER_WITHIN characters before the address are read (queue_listing.py).
  var QUEUE_SENDER_WITHIN = 256;
  function onQueueLine(text, match) {
    var nearest = Math.max(0, match.index - QUEUE_SENDER_WITHIN);
    var before = text.slice(nearest, match.index);
    var lineStart = before.lastIndexOf("\n") + 1;
    if (!lineStart && nearest) return false;
    return QUEUE_LINE_START_RE.test(before.slice(lineStart));
  }

  // Each recipient's parts of a mail queue listing, below their queue lines (queue_listing.py queue_entries).
  function queueEntries(body, recipients) {
    var wanted = {};
    recipients.forEach(function (recipient) { if (recipient) wanted[recipient] = true; });
    var starts = Array.from(body.matchAll(QUEUE_LINE_RE));
    var listed = [];
    starts.forEach(function (start, index) {
      var end = index + 1 < starts.length ? starts[index + 1].index : body.length;
      listed = listed.concat(queueRecipients(body.slice(start.index + start[0].length, end)));
    });
    var entries = {};
    (listed.length ? listed : jsonRecipients(body)).forEach(function (one) {
      if (wanted[one[0]]) (entries[one[0]] = entries[one[0]] || []).push(one[1]);
    });
    var out = {};
    Object.keys(entries).forEach(function (recipient) { out[recipient] = entries[recipient].join("\n"); });
    return out;
  }

  // [address, the error above it and its line] for each recipient line of a queue entry
  // (queue_listing.py _recipients).
  function queueRecipients(entry) {
    var parts = [], error = [], above = "";
    entry.split("\n").forEach(function (line) {
      var listed = QUEUE_RECIPIENT_RE.exec(line);
      if (!listed) { error.push(line); return; }
      if (error.some(function (text) { return text.trim(); })) above = error.join("\n");
      error = [];
      parts.push([listed[1].toLowerCase(), above + "\n" + line]);
    });
    return parts;
  }

  // [address, its object] for each recipient of postqueue -j's listing (queue_listing.py _json_recipients).
  function jsonRecipients(body) {
    if (!JSON_QUEUE_RE.test(body)) return [];
    var parts = [];
    Array.from(body.matchAll(JSON_QUEUE_OBJECT_RE)).forEach(function (found) {
      var address = JSON_QUEUE_ADDRESS_RE.exec(found[0]);
      if (address) parts.push([address[1].toLowerCase(), found[0]]);
    });
    return parts;
  }

  function withoutQueueLines(body) { return body.replace(QUEUE_LINE_RE, ""); }

  MFKB.bounces.queue_listing = { onQueueLine: onQueueLine, queueEntries: queueEntries,
    withoutQueueLines: withoutQueueLines };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
