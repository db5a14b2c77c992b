// generator/bounces/dsn_groups.py: a delivery-status part's per-recipient field groups.
(function (MFKB) {
  "use strict";
  var RECIPIENT_FIELD_RE = MFKB.bounces.report.RECIPIENT_FIELD_RE;
  var unfold = MFKB.bounces.report.unfold;
  var addressIn = MFKB.bounces.address.addressIn;

  var FIELD_RE = /^([A-Za-z][A-Za-z0-9-]*):[ \t]*([^\n]*(?:\n[ \t][^\n]*)*)/gm;
  // A multi-line reply a field's value leaves open, and a line that starts a field
  // (dsn_groups.py OPEN_REPLY_RE, FIELD_START_RE).
  var OPEN_REPLY_RE = /(?<![0-9.])([45][0-9][0-9])-/;
  var FIELD_START_RE = /^[A-Za-z][A-Za-z0-9-]*:/;
  var OPEN_REPLY_LINES = 6;
  var PARAGRAPH_SPLIT_RE = /\n[ \t]*\n/;

  function dsnGroups(body) {
    var groups = [];
    body.split(PARAGRAPH_SPLIT_RE).forEach(function (paragraph) {
      if (!RECIPIENT_FIELD_RE.test(paragraph)) return;
      fieldGroups(paragraph).forEach(function (fields) {
        if ("final-recipient" in fields || "original-recipient" in fields) groups.push(dsnGroup(fields));
      });
    });
    return groups;
  }

  // The fields of a paragraph, a new group starting where a field of the current one
  // comes again (dsn_groups.py _field_groups).
  function fieldGroups(paragraph) {
    var groups = [{}];
    var match;
    FIELD_RE.lastIndex = 0;
    while ((match = FIELD_RE.exec(paragraph))) {
      var name = match[1].toLowerCase();
      if (Object.prototype.hasOwnProperty.call(groups[groups.length - 1], name)) groups.push({});
      var end = match.index + match[0].length;
      groups[groups.length - 1][name] = unfold(match[2] + openReplyRest(paragraph, end, match[2]));
    }
    return groups;
  }

  // The unindented lines that close a multi-line reply the value left open (dsn_groups.py _open_reply_rest).
  function openReplyRest(paragraph, end, value) {
    var opened = OPEN_REPLY_RE.exec(value);
    if (!opened) return "";
    var lastLine = new RegExp("(?<![0-9.])" + opened[1] + " ");
    if (lastLine.test(value.slice(opened.index + opened[0].length))) return "";
    var lines = end < paragraph.length ? paragraph.slice(end + 1).split("\n").slice(0, OPEN_REPLY_LINES) : [];
    var rest = [];
    for (var i = 0; i < lines.length; i++) {
      if (FIELD_START_RE.test(lines[i])) break;
      rest.push(lines[i]);
      if (lastLine.test(lines[i])) return "\n" + rest.join("\n");
    }
    return "";
  }

  function dsnGroup(fields) {
    return {
      recipient: addressIn(fields["final-recipient"]) || addressIn(fields["original-recipient"]),
      action: fields.action ? fields.action.toLowerCase().split(" ")[0] : "",
      status: fields.status || "",
      diagnosis: fields["diagnostic-code"] || fields["x-supplementary-info"] || "",  // dsn_groups.py _dsn_group
      retry: fields["will-retry-until"] || "",
    };
  }

  MFKB.bounces.dsn_groups = { dsnGroups: dsnGroups };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
