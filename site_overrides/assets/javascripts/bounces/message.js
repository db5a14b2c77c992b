// generator/bounces/message.py: a pasted NDR as text (as bounces/pasted.js decodes it, not MIME-parsed):
// its header block, its fields and the codes it holds, most telling first.
(function (MFKB) {
  "use strict";
  var GLUED_BEFORE = MFKB.codes.syntax.GLUED_BEFORE;
  var GLUED_AFTER = MFKB.codes.syntax.GLUED_AFTER;
  var normalize = MFKB.codes.syntax.normalize;
  var versionBefore = MFKB.codes.syntax.versionBefore;
  var replyBefore = MFKB.codes.syntax.replyBefore;
  var LOOKBEHIND_CHARS = MFKB.codes.syntax.LOOKBEHIND_CHARS;
  var htmlAsText = MFKB.bounces.html_text.htmlAsText;

  function unique(items) {
    var seen = {};
    return items.filter(function (item) {
      if (seen[item.code]) return false;
      seen[item.code] = true;
      return true;
    });
  }

  // parseQuery, extractCodes, TextEvidence and prepareBounce each read raw text
  // as bounces/pasted.js decodes it (tests and the reasons engine call them on raw text);
  // lookup() decodes a paste once and passes DECODED so that none decodes it again.
  var DECODED = true;

  function plainText(text, decoded) {
    return decoded === DECODED ? text : MFKB.bounces.pasted.decodeMessage(text);
  }

  var BOUNCE_CODE_RE = new RegExp(GLUED_BEFORE + "#?([245]\\.[0-7]\\.[0-9]{1,3})" + GLUED_AFTER, "g");
  var FIELD_RE = /^([A-Za-z][\w-]*):[^\n]*(?:\n[ \t][^\n]*)*/gm;
  var ORIGINAL_HEADERS_RE = new RegExp(
    "^(?:Return-Path|Received|Message-ID|DKIM-Signature|MIME-Version|From|Date(?=:[ \\t]*(?:[A-Za-z]{3},[ \\t]*)?[0-9]{1,2}[ \\t]+[A-Za-z]{3}[ \\t])):(?![^\\n]*[ \\t]To:[ \\t]*<)[^\\n]*\\n" +
    "(?:[ \\t][^\\n]*\\n)*(?!Sent:)[A-Za-z][\\w-]*:" +
    // a line announcing the returned message inline (bounces/message.py ORIGINAL_MARKER_RE)
    "|^[ \\t]*(?:-{2,} ?(?:Original message|Below this line is a copy of the message|This is a copy of the message|The header of the original message|Original message follows)|Original (?:mail|message) as follows:?[ \\t]*$|Original message headers:[ \\t]*$)", "im");
  var HEADER_LINE_RE = /^[!-9;-~]+:/;
  // not a paste that starts with a delivery-status field, nor with a program's "Net::..." or an exception's
  // name ("SMTPRecipientsRefused: ...") (bounces/message.py MESSAGE_START_RE)
  var MESSAGE_START_RE = /^(?!(?:Reporting-MTA|Final-Recipient|Original-Recipient|Remote-MTA|Diagnostic-Code|Action)[ \t]*:)(?![A-Za-z0-9]*[a-z][A-Z][A-Za-z0-9]*:|[A-Za-z]:)(?:From |[A-Za-z][\w-]*:(?!:))/;
  // nor with a program's log or a console's record ("smtp-in: ...", "Horde_Smtp_Exception: ...",
  // "Defer:Reason: ..."): no field that a message's header has in the block (bounces/message.py starts_with_headers)
  var MESSAGE_FIELD_RE = /^(?:from|to|cc|subject|date|received|return-path|message-id|mime-version|content-type|delivered-to|envelope-to|reply-to|sender|x-[\w-]+)[ \t]*:/im;

  function startsWithHeaders(text) {
    if (!MESSAGE_START_RE.test(text)) return false;
    return MESSAGE_FIELD_RE.test(text.split(/\n[ \t]*\n/)[0]);
  }

  var DSN_FIELDS = { "diagnostic-code": "diagnostic", "status": "status" };
  var TIER = { DIAGNOSTIC: 0, TRANSCRIPT: 1, STATUS: 2, PROSE_REPLY: 3, PROSE: 4, GENERIC: 5, LOOSE: 6 };
  var TIERS_PER_LEVEL = 7;
  // What may stand before a status in prose on its line (bounces/message.py STATUS_LEAD_RE).
  var STATUS_LEAD_RE = /(?:^|[#(\[:=>]|\b(?:status|code|dsn|error|reason|reply|smtp|diagnostic)s?)[ \t]*$/i;

  // A pasted whole message starts with its header block; of it only the DSN
  // fields count (Received lines hold IDs, versions and dates).
  // As Python's email parser: an mbox "From " line, then header lines and
  // their continuations up to a blank line (skipped) or any other line.
  function splitHeaders(text) {
    var lines = text.split("\n");
    // a pasted report without a header block (bounces/message.py parse_message)
    if (!startsWithHeaders(text)) return { dsn: "", body: text };
    var end = /^From /.test(lines[0]) ? 1 : 0;
    var first = end;
    while (end < lines.length && (HEADER_LINE_RE.test(lines[end]) || (end > first && /^[ \t]/.test(lines[end])))) end++;
    var head = lines.slice(first, end).join("\n");
    if (end < lines.length && lines[end] === "") end++;
    var dsn = [];
    head.replace(FIELD_RE, function (field, name) {
      if (DSN_FIELDS[name.toLowerCase()]) dsn.push(field);
      return field;
    });
    return { dsn: dsn.join("\n"), body: lines.slice(end).join("\n") };
  }

  function fieldsOf(text) {
    var fields = [];
    var match;
    FIELD_RE.lastIndex = 0;
    while ((match = FIELD_RE.exec(text))) {
      fields.push({ start: match.index, end: match.index + match[0].length, name: match[1].toLowerCase() });
    }
    return fields;
  }

  // The field that holds offset, found by halving (fields are in text order).
  function fieldAt(fields, offset) {
    var low = 0, high = fields.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (fields[middle].start <= offset) low = middle + 1;
      else high = middle;
    }
    var field = fields[low - 1];
    if (!field) return null;
    return offset < field.end ? DSN_FIELDS[field.name] || "other" : null;
  }

  function isGeneric(code) { return /\.0\.0$/.test(code); }
  function isExpiry(code) { return code.slice(1) === ".4.7"; }

  function tier(text, match, fields) {
    var code = normalize(match[1]);
    var field = fieldAt(fields, match.index);
    if (field === "status") return isGeneric(code) || isExpiry(code) ? TIER.GENERIC : TIER.STATUS;
    if (field !== "diagnostic" && (code.charAt(0) === "2" || versionBefore(text, match.index))) return null;
    if (isExpiry(code)) return TIER.GENERIC;
    if (field === "diagnostic") return TIER.DIAGNOSTIC;
    var reply = replyBefore(text, match.index);
    if (reply && reply.transcript) return TIER.TRANSCRIPT;
    if (reply) return TIER.PROSE_REPLY;
    return statusLead(text, match.index) ? TIER.PROSE : TIER.LOOSE;
  }

  // The line's start is sought no further back than the lead it could give (message.py
  // _status_lead): on a line of a megabyte, seeking it for each code took time in the line's square.
  function statusLead(text, start) {
    var from = Math.max(0, start - LOOKBEHIND_CHARS - 1);
    var lineEnd = text.slice(from, start).lastIndexOf("\n");
    var lead = lineEnd < 0 && start > LOOKBEHIND_CHARS ? "\u0000" + text.slice(start - LOOKBEHIND_CHARS, start)
      : text.slice(from + lineEnd + 1, start);
    return STATUS_LEAD_RE.test(lead);
  }

  function textHits(text, level, hits) {
    // a session transcript's message data is no returned message (withoutTranscriptData)
    var transcript = withoutTranscriptData(text);
    var originalAt = originalStart(transcript, ORIGINAL_HEADERS_RE);
    if (originalAt < 0) originalAt = text.length;
    var fields = fieldsOf(text);
    var match;
    BOUNCE_CODE_RE.lastIndex = 0;
    while ((match = BOUNCE_CODE_RE.exec(text))) {
      var rank = tier(text, match, fields);
      if (rank === null) continue;
      var embedded = match.index >= originalAt ? 1 : 0;
      hits.push({ code: normalize(match[1]), rank: (level + embedded) * TIERS_PER_LEVEL + rank, order: hits.length });
    }
  }

  function extractCodes(text, decoded) {
    var parts = splitHeaders(htmlAsText(plainText(text, decoded)));
    var hits = [];
    textHits(parts.dsn, 0, hits);
    textHits(parts.body, 0, hits);
    hits.sort(function (a, b) { return a.rank - b.rank || a.order - b.order; });
    // The report's own statuses, when it has any, hide the original's codes and loose numbers.
    if (hits.length && hits[0].rank < TIER.LOOSE) hits = hits.filter(function (hit) { return hit.rank < TIER.LOOSE; });
    return unique(hits).map(function (hit) { return hit.code; });
  }

  var ORIGINAL_START_RE = new RegExp(
    "^(?:Return-Path|Received|Message-ID|DKIM-Signature|MIME-Version|From|Date(?=:[ \\t]*(?:[A-Za-z]{3},[ \\t]*)?[0-9]{1,2}[ \\t]+[A-Za-z]{3}[ \\t])):(?![^\\n]*[ \\t]To:[ \\t]*<)[^\\n]*\\n" +
    "(?:[ \\t][^\\n]*\\n)*(?!Sent:)[A-Za-z][\\w-]*:|^Content-Type:[ \\t]*(?:message/rfc822|text/rfc822-headers|message/global-headers)" +
    // a line announcing the returned message inline (bounces/message.py ORIGINAL_MARKER_RE)
    "|^[ \\t]*(?:-{2,} ?(?:Original message|Below this line is a copy of the message|This is a copy of the message|The header of the original message|Original message follows)|Original (?:mail|message) as follows:?[ \\t]*$|Original message headers:[ \\t]*$)",
    "im");

  // Where pattern finds a returned message, or -1; not the bounce's own header lines (message.py _original_headers)
  var BOUNCE_HEADER_RE = /^(?:From:[^\n]*(?:MAILER-DAEMON|postmaster@|Mail Delivery (?:System|Subsystem)|MicrosoftExchange[0-9a-f]{32}@)|Subject:[ \t]*(?:Undeliver|Returned mail|Delivery Status Notification|Mail delivery failed|failure notice|Delivery failure|Non-?deliverable))/im;
  var FIELD_OR_FOLDED_LINE_RE = /(?:[A-Za-z][\w-]*:|[ \t]+\S)[^\n]*\n/y;
  function headerLineAt(text, at) { FIELD_OR_FOLDED_LINE_RE.lastIndex = at; return FIELD_OR_FOLDED_LINE_RE.test(text) ? FIELD_OR_FOLDED_LINE_RE.lastIndex : -1; }
  function originalStart(text, pattern) {  // one search on, the first status code looked for once (a slice or a search from 0 per block was quadratic)
    for (var search = new RegExp(pattern.source, pattern.flags + "g"), firstCode = null, found, start, end, above, next; (found = search.exec(text)); search.lastIndex = Math.max(end, start + 1)) {
      start = end = above = found.index;
      if (!/^[A-Za-z][\w-]*:/.test(found[0])) return start;
      while ((next = headerLineAt(text, end)) > end) end = next;
      while (above && headerLineAt(text, next = above >= 2 ? text.lastIndexOf("\n", above - 2) + 1 : 0) >= 0) above = next;
      if (!BOUNCE_HEADER_RE.test(text.slice(above, end)) || ((firstCode = firstCode === null ? text.search(BOUNCE_CODE_RE) : firstCode) >= 0 && firstCode < above)) return start;
    }
    return -1;
  }

  // A session transcript's message data, from the "354" go-ahead to the lone "." within 500 lines, is no
  // returned message (bounces/message.py _without_transcript_data): blanked, each offset kept.
  function firstAtOrAfter(sorted, at) {
    var low = 0, high = sorted.length;
    while (low < high) { var mid = (low + high) >> 1; if (sorted[mid] < at) low = mid + 1; else high = mid; }
    return low;
  }
  function withoutTranscriptData(text) {
    // Python's multiline "^" and "$" stand only beside "\n"; JavaScript's also beside "\r", U+2028, U+2029.
    var found, ends = [], starts = [], breaks = [], go, goAhead = /(?<![^\n])[^\n]*\b354[ -][^\n]*\n/g;
    var endLine = /(?<![^\n])[^\n.]{0,24}\.[ \t]*(?![^\n])/g, lineBreak = /\n/g, pieces = [], copied = 0, read = 0;
    while ((found = endLine.exec(text))) { starts.push(found.index); ends.push(endLine.lastIndex); }
    while (starts.length && (found = lineBreak.exec(text))) breaks.push(found.index);
    while (starts.length && (go = goAhead.exec(text))) {
      var from = goAhead.lastIndex, index = firstAtOrAfter(starts, from);
      if (go.index < read || index === starts.length) continue;
      if (firstAtOrAfter(breaks, starts[index]) - firstAtOrAfter(breaks, from) > 500) continue;
      pieces.push(text.slice(copied, from), text.slice(from, starts[index]).replace(/[^\n]/g, " "));
      copied = starts[index];
      read = ends[index];
    }
    return pieces.join("") + text.slice(copied);
  }

  MFKB.bounces.message = { unique: unique, plainText: plainText, extractCodes: extractCodes,
    DECODED: DECODED, startsWithHeaders: startsWithHeaders, HEADER_LINE_RE: HEADER_LINE_RE,
    ORIGINAL_START_RE: ORIGINAL_START_RE, originalStart: originalStart, withoutTranscriptData: withoutTranscriptData };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
