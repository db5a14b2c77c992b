// generator/bounces/table_rows.py: the rows of a table of events (PowerShell's or CSV: Exchange's tracking
// log, Exchange Online's message trace, PowerMTA's accounting file), walked once for two readers: each
// recipient's own rows (tableEntries) and the addresses in the sender's and message ids' columns (tableSenders).
(function (MFKB) {
  "use strict";
  var ADDRESS = MFKB.bounces.address.ADDRESS;
  var ADDRESS_SEARCH = MFKB.bounces.address.ADDRESS_SEARCH;
  var allAddresses = MFKB.bounces.address.allAddresses;

  // A CSV header line, and the columns of the sender, the message's ids and its subject (table_rows.py).
  var CSV_HEADER_RE = /^(?:#Fields: ?)?"?[A-Za-z_][A-Za-z0-9_-]*"?(?:,"?[A-Za-z_][A-Za-z0-9_-]*"?)+$/gm;
  var CSV_NOT_RECIPIENT_COLUMNS = ["orig", "sender", "from", "mailfrom", "mail_from", "sender_address", "return_path",
    "message_id", "internal_message_id", "network_message_id", "reference"];
  var CSV_SUBJECT_COLUMNS = ["subject", "message_subject"];
  // PowerShell's table: a header line over a line of dashes; an address that starts in the sender's column is the sender.
  var TABLE_HEADER_RE = /^([^\n]*\S)[ \t]*\n([ \t]*-+(?:[ \t]+-+)+)[ \t]*$/gm;
  var TABLE_SENDER_COLUMNS = ["sender", "senderaddress", "from", "fromaddress", "returnpath"];
  // Where a blank line (or the text's end) follows: a table's rows end there, all found in one pass.
  var BLANK_LINE_RE = /\n(?=[ \t]*(?:\n|$))/g;

  // A CSV line's fields (table_rows.py csv_fields): a quoted field holds commas, "" in it is a quote, what
  // follows its closing quote up to the next comma is kept, a quote left open runs to the line's end.
  function csvFields(line) {
    var fields = [], at = 0, comma;
    for (;;) {
      var field = "";
      if (line.charAt(at) === '"') {
        at += 1;
        var close;
        while ((close = line.indexOf('"', at)) >= 0) {
          field += line.slice(at, close);
          if (line.charAt(close + 1) !== '"') { at = close + 1; break; }
          field += '"';
          at = close + 2;
        }
        if (close < 0) { field += line.slice(at); at = line.length; }
      }
      comma = line.indexOf(",", at);
      fields.push(field + line.slice(at, comma < 0 ? line.length : comma));
      if (comma < 0) return fields;
      at = comma + 1;
    }
  }

  // A table's columns (table_rows.py Table): CSV's by index, PowerShell's sender columns by where they stand.
  function table(header, csv) {
    if (csv) {
      var lower = header[0].toLowerCase(), notRecipient = {}, subject = {}, names = [];
      (lower.startsWith("#fields:") ? lower.slice(8) : lower).split(",").forEach(function (name, index) {
        name = name.replace(/^[" ]+|[" ]+$/g, "").replace(/-/g, "_");
        names.push(name);
        if (CSV_NOT_RECIPIENT_COLUMNS.indexOf(name) >= 0) notRecipient[index] = true;
        if (CSV_SUBJECT_COLUMNS.indexOf(name) >= 0) subject[index] = true;
      });
      var pair = names.indexOf("recipient_address") >= 0 && names.indexOf("recipient_status") >= 0 ?
        [names.indexOf("recipient_address"), names.indexOf("recipient_status")] : null;
      return { csv: true, notRecipient: notRecipient, subject: subject, recipientsAndStatuses: pair };
    }
    var starts = [], column, dashes = /-+/g;
    while ((column = dashes.exec(header[2]))) starts.push(column.index);
    return { csv: false, spans: starts.map(function (start, i) {
      return [start, i + 1 < starts.length ? starts[i + 1] : Infinity];
    }).filter(function (span) {
      var name = header[1].slice(span[0], span[1] === Infinity ? undefined : span[1]).trim().toLowerCase();
      return TABLE_SENDER_COLUMNS.indexOf(name) >= 0;
    }) };
  }

  // The row as the recipient's own text: a CSV row's fields a line each, the subject left out (Table.row).
  function rowText(columns, line, recipient) {
    if (!columns.csv) return line;
    return ownStatus(columns, csvFields(line), recipient).filter(function (field, index) { return !columns.subject[index]; })
      .map(function (field) { return ownItems(field, recipient); }).join("\n");
  }

  // The tracking log's several recipients of a row and their statuses in the same order: the recipient's
  // alone; a status starts at a reply code or at To, Cc, Bcc (table_rows.py Table._own_status, STATUS_SEPARATOR_RE).
  var STATUS_SEPARATOR_RE = /;[ \t]*(?=[245][0-9][0-9][ -]|(?:To|Cc|Bcc)(?:;|$))/;
  function ownStatus(columns, fields, recipient) {
    var pair = columns.recipientsAndStatuses;
    if (!pair || Math.max(pair[0], pair[1]) >= fields.length) return fields;
    var recipients = fields[pair[0]].split(";").map(function (address) { return address.trim().toLowerCase(); });
    var statuses = fields[pair[1]].split(STATUS_SEPARATOR_RE), own = recipients.indexOf(recipient);
    if (recipients.length < 2 || statuses.length !== recipients.length || own < 0) return fields;
    fields = fields.slice();
    fields[pair[0]] = recipient;
    fields[pair[1]] = statuses[own];
    return fields;
  }

  // Exchange Online's "<address>##<status>" items separated by ";", every recipient's in one field: the
  // recipient's own; its last event Deliver or Send tells of no failure, Fail of one (table_rows.py _own_items,
  // DELIVERED_STATUS, NOT_DELIVERED_STATUS).
  var DELIVERED_STATUS = "##(?:Receive, )?(?:Deliver|Send)\\b", NOT_DELIVERED_STATUS = "##(?:Receive, )?(?:Fail|Defer|Pending)\\b";
  function ownItems(field, recipient) {
    if (field.indexOf("##") < 0) return field;
    var own = field.split(";").filter(function (item) {
      return item.indexOf("##") >= 0 && item.split("##")[0].replace(/^[ "<>]+|[ "<>]+$/g, "").toLowerCase() === recipient;
    });
    return own.length ? own.join(";") : field;
  }

  // The addresses of a row that its sender's and message ids' columns hold (Table.senders).
  function rowSenders(columns, line) {
    var found = [], match;
    if (!columns.csv) {
      var address = new RegExp(ADDRESS_SEARCH, "g");
      while ((match = address.exec(line))) {
        var at = match.index;
        if (columns.spans.some(function (s) { return s[0] <= at && at < s[1]; })) found.push(match[0].toLowerCase());
      }
      return found;
    }
    if (!Object.keys(columns.notRecipient).length) return found;
    var whole = new RegExp("^(?:" + ADDRESS + ")$");
    csvFields(line).forEach(function (field, index) {
      var value = field.replace(/^[" <>{}]+|[" <>{}]+$/g, "");
      if (columns.notRecipient[index] && whole.test(value)) found.push(value.toLowerCase());
    });
    return found;
  }

  // Each row of each table with its table's columns (table_rows.py table_rows): the lines under a header down
  // to a blank line; a PowerShell header among them starts a table of its own, a CSV header line there is a row.
  function tableRows(body) {
    var headers = Array.from(body.matchAll(TABLE_HEADER_RE), function (found) { return [found, false]; })
      .concat(Array.from(body.matchAll(CSV_HEADER_RE), function (found) { return [found, true]; }));
    headers.sort(function (a, b) { return a[0].index - b[0].index; });
    var blanks = Array.from(body.matchAll(BLANK_LINE_RE), function (found) { return found.index; });
    var tables = [], rows = [];
    headers.forEach(function (pair) {
      var header = pair[0], last = tables[tables.length - 1];
      if (last && header.index < last[2]) {
        if (pair[1] || header.index < last[1]) return;  // a row of the table above, or a line of its header
        last[2] = header.index;
      }
      var start = header.index + header[0].length + 1, low = 0, high = blanks.length;
      while (low < high) {
        var middle = (low + high) >> 1;
        if (blanks[middle] < start) low = middle + 1; else high = middle;
      }
      tables.push([table(header, pair[1]), start, low < blanks.length ? blanks[low] : body.length]);
    });
    tables.forEach(function (t) {
      var lines = body.slice(t[1], t[2]).split("\n");
      (t[0].csv ? records(lines) : lines).forEach(function (line) { rows.push([t[0], line]); });
    });
    return rows;
  }

  // A CSV table's records: a line break inside a quoted field (RFC 4180, 2.6) keeps its lines in one
  // (table_rows.py _records, _quoted_at_end).
  function records(lines) {
    var out = [], held = [], inside = false;
    lines.forEach(function (line) {
      held.push(line);
      inside = quotedAtEnd(line, inside);
      if (!inside) { out.push(held.join("\n")); held = []; }
    });
    return held.length ? out.concat([held.join("\n")]) : out;
  }

  function quotedAtEnd(line, inside) {
    var at = 0, fieldStart = !inside;
    while (at < line.length) {
      if (inside) {
        var close = line.indexOf('"', at);
        if (close < 0) return true;
        if (line[close + 1] === '"') { at = close + 2; continue; }
        inside = false; at = close + 1; fieldStart = false;
      } else if (fieldStart && line[at] === '"') {
        inside = true; at += 1;
      } else {
        var comma = line.indexOf(",", at);
        if (comma < 0) return false;
        at = comma + 1; fieldStart = true;
      }
    }
    return inside;
  }

  // Each recipient's rows of the tables in body, one row after another (table_rows.py table_entries).
  function tableEntries(body, recipients) {
    var wanted = {}, entries = {}, out = {};
    recipients.forEach(function (recipient) { if (recipient) wanted[recipient] = true; });
    tableRows(body).forEach(function (row) {
      var named = {};
      allAddresses(row[1]).forEach(function (address) { named[address.toLowerCase()] = true; });
      Object.keys(named).filter(function (address) { return wanted[address]; }).sort().forEach(function (address) {
        (entries[address] = entries[address] || []).push(rowText(row[0], row[1], address));
      });
    });
    Object.keys(entries).forEach(function (recipient) { out[recipient] = entries[recipient].join("\n"); });
    return out;
  }

  // The addresses in the sender's and the message ids' columns of the tables in body (table_rows.py table_senders).
  function tableSenders(body) {
    var found = [];
    tableRows(body).forEach(function (row) { found.push.apply(found, rowSenders(row[0], row[1])); });
    return found;
  }

  MFKB.bounces.table_rows = { tableEntries: tableEntries, tableSenders: tableSenders, csvFields: csvFields,
    DELIVERED_STATUS: DELIVERED_STATUS, NOT_DELIVERED_STATUS: NOT_DELIVERED_STATUS };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
