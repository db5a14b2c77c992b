// generator/bounces/report.py, on text: the header block and the report before the original.
(function (MFKB) {
  "use strict";
  var startsWithHeaders = MFKB.bounces.message.startsWithHeaders;
  var HEADER_LINE_RE = MFKB.bounces.message.HEADER_LINE_RE;
  var ORIGINAL_START_RE = MFKB.bounces.message.ORIGINAL_START_RE;
  var originalStart = MFKB.bounces.message.originalStart;
  var withoutTranscriptData = MFKB.bounces.message.withoutTranscriptData;

  function unfold(value) { return value.split(/\s+/).filter(Boolean).join(" "); }

  var FORWARDED_RE = /^(?:From [^ \n]+ +[A-Z][a-z]{2} [A-Z][a-z]{2} +[0-9]|Begin forwarded message:|-+ ?Forwarded message ?-+|(?:-{5}[^\n-][^\n]{0,40}?-{5}|_{10,})[ \t]*(?=\n[^\s:][^\n:]{0,30}:))/m;
  var QUOTE_MARK_RE = /^> ?/gm;
  // A forwarded message's From, To, Cc, Subject and Date lines in the reader's language, read as English (report.py FIELD_NAMES).
  var FIELD_NAMES = [
    ["From", "From|Von|De|Od|보낸 ?사람|差出人"],
    ["To", "To|An|À|Para|Do|받는 ?사람|宛先"],
    ["Cc", "Cc|Kopie|DW|참조"],
    ["Subject", "Subject|Betreff|Objet|Asunto|Temat|제목|件名"],
    ["Date", "Date|Datum|Gesendet|Envoyé|Enviado(?: el)?|Fecha|Data|Wysłano|보낸 ?날짜|날짜|送信日時|日付"],
  ];
  var FIELD_NAME_SOURCE = "^(?:" + FIELD_NAMES.map(function (field) {
    return "(?<" + field[0].toLowerCase() + ">" + field[1] + ")";
  }).join("|") + ")[ \\t]*:";
  var FIELD_NAME_RE = new RegExp(FIELD_NAME_SOURCE, "im");

  // The English name of the field a FIELD_NAME_RE match found, from its named groups (report.py FIELD_ENGLISH).
  function fieldName(groups) {
    return FIELD_NAMES.filter(function (field) { return groups[field[0].toLowerCase()] !== undefined; })[0][0];
  }

  // A forwarded message with its header block's field names in English (report.py english_field_names).
  function englishFieldNames(text) {
    var blank = text.indexOf("\n\n"), head = blank < 0 ? text : text.slice(0, blank);
    return head.replace(new RegExp(FIELD_NAME_SOURCE, "gim"), function () {
      return fieldName(arguments[arguments.length - 1]) + ":";
    }) + (blank < 0 ? "" : text.slice(blank));
  }

  var QUOTED_SHARE = 0.5;
  // Postmark's fixed description of the bounce's type, not of this bounce (report.py).
  var POSTMARK_PAYLOAD_RE = /"TypeCode"\s*:/;
  var TYPE_DESCRIPTION_RE = /"Description"\s*:\s*"(?:[^"\\\n]|\\.)*"\s*,?/g;
  // A message/rfc822 part's own header lines, up to the blank line before the message.
  var EMBEDDED_PART_RE = /^Content-Type:[ \t]*message\/(?:rfc822|global)[^\n]*\n(?:[^\n]+\n)*\n/i;

  // A MIME boundary line ("--F0000EEE2-...", its closing "--" too), which no decoded part holds.
  var MIME_BOUNDARY_LINE_RE = /^--[^\s]+[ \t]*$/gm;

  function identity(text) { return text; }

  // A delivery-status part that follows the cut (a text part that quotes the
  // original's headers, as Exchange's does, comes first): Python reads each
  // part on its own and keeps it.  Those of an embedded message are not this report's.
  var STATUS_PART_RE = /^Content-Type:[ \t]*message\/(?:global-)?delivery-status[^\n]*\n(?:[^\n]+\n)*\n([\s\S]*?)(?=^--\S|(?![\s\S]))/gim;
  var EMBEDDED_START_RE = /^Content-Type:[ \t]*(?:message\/(?:rfc822|global)|text\/rfc822-headers)/im;

  function statusParts(after) {
    var stop = after.search(EMBEDDED_START_RE);
    var region = stop < 0 ? after : after.slice(0, stop);
    var parts = "";
    var match;
    STATUS_PART_RE.lastIndex = 0;
    while ((match = STATUS_PART_RE.exec(region))) parts += "\n\n" + match[1];
    return parts;
  }

  var RECIPIENT_FIELD_RE = /^(?:Final|Original)-Recipient:/im;
  // A list manager's notice that carries the bounce it received (report.py CARRIED_BOUNCE_RE).
  var CARRIED_BOUNCE_RE = /\bcopy\s+of\s+the\s+(?:first\s+)?bounce\s+message\s+I\s+received\b|\bThe\s+attached\s+message\s+was\s+received\s+as\s+a\s+bounce\b/i;

  function withoutTypeDescription(text) {
    return POSTMARK_PAYLOAD_RE.test(text) ? text.replace(TYPE_DESCRIPTION_RE, "") : text;
  }

  function unquoted(text) {
    var lines = text.split("\n").filter(function (line) { return line.trim(); });
    var quoted = lines.filter(function (line) { return line.charAt(0) === ">"; }).length;
    return lines.length && quoted / lines.length >= QUOTED_SHARE ? text.replace(QUOTE_MARK_RE, "") : text;
  }

  // How many bounces forwarded one inside another are read as such (report.py MAX_FORWARDED).
  var MAX_FORWARDED = 10;

  // Messages inside messages read as such (message.py MAX_NESTING): each level is read again from the
  // text after the one above, so 20,000 levels took time in their square, and the tab crashed.
  var MAX_NESTING = 100;

  function readReport(text, prepare, forwardedDepth, nesting) {
    forwardedDepth = forwardedDepth || 0;
    nesting = nesting || 0;
    var prepared = prepare(text.replace(/\r\n?/g, "\n"));
    var lines = prepared.split("\n");
    var end = /^From /.test(lines[0]) ? 1 : 0;
    var headers = [];
    var withHeaders = startsWithHeaders(prepared);
    // a pasted report without a header block (message.py parse_message)
    while (withHeaders && end < lines.length && (HEADER_LINE_RE.test(lines[end]) || (headers.length && /^[ \t]/.test(lines[end])))) {
      if (/^[ \t]/.test(lines[end])) headers[headers.length - 1] += " " + lines[end];
      else headers.push(lines[end]);
      end++;
    }
    var body = withoutTypeDescription(unquoted(lines.slice(end).join("\n")));
    var inners = [];
    var forwardedReport = null;
    var forwarded = FORWARDED_RE.exec(body);
    var start = originalStart(body.slice(1), ORIGINAL_START_RE);
    // not one inside the returned message: its thread's earlier message (report.py _report)
    if (forwarded && forwardedDepth < MAX_FORWARDED && (start < 0 || forwarded.index <= start + 1)) {
      var rest = body.slice(forwarded.index + forwarded[0].length);
      rest = rest.indexOf("\n") < 0 ? rest : rest.slice(rest.indexOf("\n") + 1);
      forwardedReport = readReport(englishFieldNames(rest.replace(/^\n+/, "")), identity, forwardedDepth + 1);
      inners.push(forwardedReport);
      body = body.slice(0, forwarded.index);
    }
    var cut = originalStart(withoutTranscriptData(body.slice(1)), ORIGINAL_START_RE);
    var carried = false;
    if (cut >= 0) {
      var after = body.slice(cut + 1);
      var part = EMBEDDED_PART_RE.exec(after);
      carried = CARRIED_BOUNCE_RE.test(body.slice(0, cut + 1));
      // report.py (_report) lists a MIME part's embedded messages before those forwarded in text
      if (part && nesting < MAX_NESTING) {
        inners.unshift(readReport(after.slice(part[0].length), identity, forwardedDepth, nesting + 1));
      }
      else if (carried && forwardedDepth < MAX_FORWARDED) {
        forwardedReport = readReport(after, identity, forwardedDepth + 1);
        inners.push(forwardedReport);
      }
      body = body.slice(0, cut + 1) + statusParts(after);
    }
    // a report of nothing but its MIME boundaries (Hotmail's complaint: the reported message alone) is
    // blank, as report.py's decoded text parts are: the message inside says what it is
    if (!body.replace(MIME_BOUNDARY_LINE_RE, "").trim() && inners.length) return inners[0];
    // a bounce forwarded in the text, or one inside with its delivery-status fields (report.py)
    inners.forEach(function (inner) {
      if (inner === forwardedReport || carried || RECIPIENT_FIELD_RE.test(inner.body)) body = body + "\n\n" + inner.body;
    });
    return {
      headers: headers.map(function (line) {
        var colon = line.indexOf(":");
        return line.slice(0, colon) + ": " + unfold(line.slice(colon + 1));
      }).join("\n"),
      body: body,
    };
  }

  MFKB.bounces.report = { unfold: unfold, RECIPIENT_FIELD_RE: RECIPIENT_FIELD_RE, readReport: readReport,
    identity: identity, FIELD_NAME_RE: FIELD_NAME_RE, fieldName: fieldName };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
