// generator/bounces/table_rows.py: the rows of a table of events (PowerShell's or CSV: Exchange's tracking
// log, Exchange Online's message trace), each recipient read with its own rows.
(function (MFKB) {
  "use strict";
  var allAddresses = MFKB.bounces.address.allAddresses;
  var TABLE_HEADER_RE = MFKB.bounces.recipients.TABLE_HEADER_RE;
  var CSV_HEADER_RE = MFKB.bounces.recipients.CSV_HEADER_RE;
  var BLANK_LINE_RE = /\n[ \t]*(?:\n|$)/g;

  // Each recipient's rows of the tables in body, one row a line (table_rows.py table_entries).
  function tableEntries(body, recipients) {
    var wanted = {};
    recipients.forEach(function (recipient) { if (recipient) wanted[recipient] = true; });
    var entries = {};
    var readTo = 0;
    var headers = Array.from(body.matchAll(new RegExp(TABLE_HEADER_RE.source, "gm")))
      .concat(Array.from(body.matchAll(new RegExp(CSV_HEADER_RE.source, "gm"))));
    headers.sort(function (a, b) { return a.index - b.index; });
    headers.forEach(function (header) {
      if (header.index < readTo) return;  // a header line inside rows already read
      var end = header.index + header[0].length;
      BLANK_LINE_RE.lastIndex = end + 1;
      var blank = BLANK_LINE_RE.exec(body);
      readTo = blank ? blank.index : body.length;
      body.slice(end + 1, readTo).split("\n").forEach(function (row) {
        var named = {};
        allAddresses(row).forEach(function (address) { named[address.toLowerCase()] = true; });
        Object.keys(named).filter(function (address) { return wanted[address]; }).sort().forEach(function (address) {
          (entries[address] = entries[address] || []).push(row);
        });
      });
    });
    var out = {};
    Object.keys(entries).forEach(function (recipient) { out[recipient] = entries[recipient].join("\n"); });
    return out;
  }

  MFKB.bounces.table_rows = { tableEntries: tableEntries };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
