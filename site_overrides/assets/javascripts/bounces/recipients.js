// generator/bounces/recipients.py: the failed recipients a report names, not its senders or contacts.
(function (MFKB) {
  "use strict";
  var ADDRESS = MFKB.bounces.address.ADDRESS;
  var uniqueList = MFKB.bounces.address.uniqueList;
  var allAddresses = MFKB.bounces.address.allAddresses;
  var ADDRESS_SEARCH = MFKB.bounces.address.ADDRESS_SEARCH;
  var onQueueLine = MFKB.bounces.queue_listing.onQueueLine;
  var listNoticeMembers = MFKB.bounces.list_notice.listNoticeMembers;
  var pastedHeaderAddresses = MFKB.bounces.pasted_headers.pastedHeaderAddresses;

  // The marks before it taken whole, as an atomic group (recipients.py LINE_ADDRESS_RE).
  var LINE_ADDRESS_RE = new RegExp("^(?=([ \\t>*\"'`-]*))\\1<?\\**(" + ADDRESS + ")", "gm");
  // "a@b, c@d": the addresses that continue a line-start address's list (recipients.py LIST_NEXT_RE).
  var LIST_NEXT_RE = new RegExp(">?[ \\t]*[,;][ \\t]*<?(" + ADDRESS + ")", "y");
  var SENDER_BEFORE_RE = /(?:FROM:|\bfrom=|sender address:?|\b(?:sender(?:address)?|return-?path)[ \t]*:|sender not allowed:?|"(?:source|from)"\s*:\s*"(?:[^"<\n]{0,40}<)?|\bmail from(?:\\n[245][0-9][0-9]-)?)\s*<?(?![\s\S])/i;
  var SENDER_LOOKBEHIND = 64;
  // A contact the report names, not a recipient (recipients.py CONTACT_BEFORE_RE).
  var CONTACT_BEFORE_RE = /(?:\bcontact|(?<!unable to )(?<!failed to )(?<!could not )(?<!couldn't )(?<!cannot )(?<!can't )(?<!not able to )\bsend (?:an? )?(?:e-?)?mail to|\bwrite to|\bforward this (?:message|e-?mail) to|\breport (?:(?:the )?details |it |this )?to|\bregister your IP to|\bplease reply to)[ \t:]*<?(?![\s\S])/i;
  var CONTACT_LOOKBEHIND = 32;
  // The verb after the address, in Korean and Japanese (recipients.py CONTACT_AFTER_RE).
  var CONTACT_AFTER_RE = /^[>)\s]*(?:으?로 문의|まで(?:お問い?合わせ|ご連絡|返信))/;
  // A log's "orig_to=<a@b>", Postfix's "(expanded from <a@b>)", "message-id=<...>" and ZoneMTA's "id=<...>",
  // Exchange's "MessageId : <...>", "Reference : {<...>}", a "250 2.6.0 <...>" (recipients.py NOT_RECIPIENT_BEFORE_RE).
  var NOT_RECIPIENT_BEFORE_RE = /(?:\borig_to=|\bmessage-?id[ \t]*[=:][ \t]*|\breference[ \t]*:[ \t]*\{?|\b2\.6\.0[ \t]+|\bid=|"message[-_]?id"\s*:\s*"|\(expanded from:?\s*)<?(?![\s\S])/i;
  var NOT_RECIPIENT_LOOKBEHIND = 40;
  // An argument in a stack trace's frame ("at X->f(..., 'a@b', array('c@d'))") (recipients.py STACK_FRAME_LINE_RE).
  // Found in the whole text at once (stackFrames): seeking each address's line start took time in
  // the square of a long line's length.
  var STACK_FRAME_LINE_RE = /(?<![^\n])[ \t]*(?:at |#[0-9]+ )[^\n(]*\(/g;
  // "<sender@...> sender rejected", "<sender@...>... Sender ok" (recipients.py SENDER_AFTER_RE)
  var SENDER_AFTER_RE = /^>?[ \t]*(?:\.{3}[ \t]*)?sender\b/i;
  // The bounce's own sender is never a failed recipient (recipients.py BOUNCE_SENDER_RE).
  var BOUNCE_SENDER_RE = /^(?:mailer-daemon@|microsoftexchange[0-9a-f]{32}@)/i;
  // A sentence of the report naming the recipient it failed to reach (recipients.py FAILED_BEFORE_RE).
  var FAILED_BEFORE_RE = new RegExp(
    "(?:(?:wasn[\u2019']t|was not|couldn[\u2019']t be|could not be) delivered to|delivering your message to|your message to" +
    "|not yet been delivered is:|\\brecipient(?: address)?)\\s*[<`'\\[*]*(?![\\s\\S])", "i");
  var FAILED_LOOKBEHIND = 40;
  // A poster's "I sent an email to a@b", failed if the sentence tells of it (recipients.py POSTER_*).
  var POSTER_SENT_BEFORE_RE = /\bI sent an? e-?mail to[ \t]*<?(?![\s\S])/i;
  var POSTER_FAILURE_AFTER_RE = /^(?:(?![.!?](?:\s|$)|\n[ \t]{0,8}\n)[\s\S]){0,120}?\b(?:bounce|came back|returned|reject|fail|error|undeliver|response|NDR\b|[245][0-9]{2}\b)/i;
  var POSTER_TOLD_OF_FAILURE = "told of a failure", POSTER_WROTE_TO = "wrote to";
  // Each failed recipient's member in an ESP's notification JSON (recipients.py JSON_RECIPIENT_RE).
  var JSON_RECIPIENT_RE = new RegExp('"(?:emailAddress|email|recipient|rcpt_to|rcpt|address)"\\s*:\\s*"<?(' + ADDRESS + ")", "gi");
  var NOT_RECIPIENT_HEADERS = ["from", "to", "return-path", "reply-to", "sender"];

  // A CSV log's sender column under its header line: PowerMTA's "orig" beside "rcpt" (recipients.py _csv_senders).
  var CSV_HEADER_RE = /^(?:#Fields: ?)?"?[A-Za-z_][A-Za-z0-9_-]*"?(?:,"?[A-Za-z_][A-Za-z0-9_-]*"?)+$/m;
  var CSV_NOT_RECIPIENT_COLUMNS = ["orig", "sender", "from", "mailfrom", "mail_from", "sender_address", "return_path",
    "message_id", "internal_message_id", "network_message_id", "reference"];
  // A CSV line's fields: a comma inside quotes (an odd number of them after it) separates none (recipients.py csv_fields).
  function csvFields(line) {
    var pieces = line.split(","), quotes = function (text) { return text.split('"').length - 1; };
    var after = quotes(line) - quotes(pieces[0]), fields = [pieces[0]];
    pieces.slice(1).forEach(function (piece) {
      if (after % 2) fields[fields.length - 1] += "," + piece; else fields.push(piece);
      after -= quotes(piece);
    });
    return fields;
  }
  function csvSenders(body) {
    var header = CSV_HEADER_RE.exec(body);
    if (!header) return [];
    var lower = header[0].toLowerCase(), wanted = [], found = [], whole = new RegExp("^(?:" + ADDRESS + ")$");
    (lower.startsWith("#fields:") ? lower.slice(8) : lower).split(",").forEach(function (name, index) {
      if (CSV_NOT_RECIPIENT_COLUMNS.indexOf(name.replace(/^[" ]+|[" ]+$/g, "").replace(/-/g, "_")) >= 0) wanted.push(index);
    });
    if (!wanted.length) return [];
    body.slice(header.index + header[0].length).split("\n").forEach(function (line) {
      var row = csvFields(line);
      wanted.forEach(function (column) {
        var value = row.length > column ? row[column].replace(/^[" <>{}]+|[" <>{}]+$/g, "") : "";
        if (whole.test(value)) found.push(value.toLowerCase());
      });
    });
    return found;
  }

  // PowerShell's table: an address that starts in the sender's column is the sender (recipients.py _table_senders).
  var TABLE_HEADER_RE = /^([^\n]*\S)[ \t]*\n([ \t]*-+(?:[ \t]+-+)+)[ \t]*$/gm;
  var TABLE_SENDER_COLUMNS = ["sender", "senderaddress", "from", "fromaddress", "returnpath"];
  // One pass over the lines (recipients.py _table_senders): a block opens at the first line after its header that
  // is not blank and closes at the next blank line; rereading the rest for each header took time in the square.
  function tableSenders(body) {
    var opening = {}, header, senders = [], waiting = [], columns = [], offset = 0;
    TABLE_HEADER_RE.lastIndex = 0;
    while ((header = TABLE_HEADER_RE.exec(body))) opening[header.index + header[0].length] = senderColumns(header);
    body.split("\n").forEach(function (line) {
      if (!line) columns = [];
      else {
        waiting.forEach(function (span) { columns = addColumn(columns, span); });
        waiting = [];
        if (columns.length) {
          var found, address = new RegExp(ADDRESS_SEARCH, "g");
          while ((found = address.exec(line))) if (holdsColumn(columns, found.index)) senders.push(found[0].toLowerCase());
        }
      }
      offset += line.length;
      (opening[offset] || []).forEach(function (span) { waiting = addColumn(waiting, span); });
      offset += 1;
    });
    return senders;
  }

  // Where each sender column of a table's header starts and ends (recipients.py _sender_columns).
  function senderColumns(header) {
    var starts = [], column, dashes = /-+/g;
    while ((column = dashes.exec(header[2]))) starts.push(column.index);
    return starts.map(function (start, i) {
      return [start, i + 1 < starts.length ? starts[i + 1] : Infinity];
    }).filter(function (span) {
      var name = header[1].slice(span[0], span[1] === Infinity ? undefined : span[1]).trim().toLowerCase();
      return TABLE_SENDER_COLUMNS.indexOf(name) >= 0;
    });
  }

  // Column spans merged where they meet (recipients.py _Columns.add).
  function addColumn(spans, span) {
    if (spans.some(function (s) { return s[0] <= span[0] && span[1] <= s[1]; })) return spans;
    var merged = [];
    spans.concat([span]).sort(function (x, y) { return x[0] - y[0] || x[1] - y[1]; }).forEach(function (s) {
      var last = merged[merged.length - 1];
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
      else merged.push([s[0], s[1]]);
    });
    return merged;
  }

  function holdsColumn(spans, position) {
    return spans.some(function (s) { return s[0] <= position && position < s[1]; });
  }

  function proseRecipients(report) {
    var lines = report.headers.split("\n");
    var listed = lines.filter(function (line) { return /^x-failed-recipients:/i.test(line); });
    if (listed.length) {
      return uniqueList([].concat.apply([], listed.map(function (line) {
        return allAddresses(line.slice(line.indexOf(":") + 1));
      })).map(function (address) { return address.toLowerCase(); }));
    }
    var namedInJson = Array.from(report.body.matchAll(JSON_RECIPIENT_RE), function (m) { return m[1].toLowerCase(); });
    if (namedInJson.length) return uniqueList(namedInJson);
    var members = listNoticeMembers(report.headers, report.body);
    if (members !== null) return members;
    var ours = {};
    lines.forEach(function (line) {
      if (NOT_RECIPIENT_HEADERS.indexOf(line.split(":")[0].toLowerCase()) < 0) return;
      allAddresses(line).forEach(function (address) { ours[address.toLowerCase()] = true; });
    });
    csvSenders(report.body).forEach(function (address) { ours[address] = true; });
    tableSenders(report.body).forEach(function (address) { ours[address] = true; });
    pastedHeaderAddresses(report.body).forEach(function (address) { ours[address] = true; });
    var listed = [], match;
    LINE_ADDRESS_RE.lastIndex = 0;
    while ((match = LINE_ADDRESS_RE.exec(report.body))) {
      // each address with where it starts (it ends the match)
      var onLine = [[match.index + match[0].length - match[2].length, match[2]]];
      var more;
      LIST_NEXT_RE.lastIndex = match.index + match[0].length;
      while ((more = LIST_NEXT_RE.exec(report.body))) onLine.push([more.index + more[0].length - more[1].length, more[1]]);
      onLine.forEach(function (found) {
        var address = found[1];
        if (!ours[address.toLowerCase()] && !BOUNCE_SENDER_RE.test(address) && !afterSenderLabel(report.body, found[0]) &&
            !saidBefore(NOT_RECIPIENT_BEFORE_RE, NOT_RECIPIENT_LOOKBEHIND, report.body, found[0])) {
          listed.push(address.toLowerCase());
        }
      });
    }
    // An address named once as the sender or a contact is that wherever else it stands (recipients.py).
    var mentioned = [], others = {}, contacts = {};
    var re = new RegExp(ADDRESS_SEARCH, "g");
    var frames = new StackFrames(report.body);
    while ((match = re.exec(report.body))) {
      var address = match[0].toLowerCase();
      if (ours[address]) continue;
      if (isContact(report.body, match)) contacts[address] = others[address] = true;
      var poster = posterTold(report.body, match);
      if (poster === POSTER_WROTE_TO || isNotRecipient(report.body, match, frames)) continue;
      mentioned.push([address, isIntroduced(report.body, match, poster)]);
      if (isSender(report.body, match)) others[address] = true;
    }
    var named = mentioned.filter(function (mention) { return !others[mention[0]]; });
    var introduced = named.filter(function (mention) { return mention[1]; });
    listed = listed.filter(function (address) { return !contacts[address]; });
    return uniqueList(listed.length ? listed : (introduced.length ? introduced : named).map(function (mention) { return mention[0]; }));
  }

  // The words just before start (at most lookbehind characters) end as pattern says (recipients.py _said_before).
  function saidBefore(pattern, lookbehind, text, start) {
    return pattern.test(text.slice(Math.max(0, start - lookbehind), start));
  }

  function isIntroduced(text, match, poster) {
    return poster === POSTER_TOLD_OF_FAILURE || saidBefore(FAILED_BEFORE_RE, FAILED_LOOKBEHIND, text, match.index);
  }

  // What a poster's "I sent an email to a@b" makes of a@b, or null (recipients.py _poster_told).
  function posterTold(text, match) {
    if (!saidBefore(POSTER_SENT_BEFORE_RE, FAILED_LOOKBEHIND, text, match.index)) return null;
    return POSTER_FAILURE_AFTER_RE.test(text.substr(match.index + match[0].length, 200)) ? POSTER_TOLD_OF_FAILURE : POSTER_WROTE_TO;
  }

  function afterSenderLabel(text, start) { return saidBefore(SENDER_BEFORE_RE, SENDER_LOOKBEHIND, text, start); }

  function isSender(text, match) {
    var end = match.index + match[0].length;
    return afterSenderLabel(text, match.index) ||
      SENDER_AFTER_RE.test(text.slice(end, end + 64)) ||
      BOUNCE_SENDER_RE.test(match[0]) ||
      onQueueLine(text, match);
  }

  function isContact(text, match) {
    return saidBefore(CONTACT_BEFORE_RE, CONTACT_LOOKBEHIND, text, match.index) ||
      CONTACT_AFTER_RE.test(text.substr(match.index + match[0].length, CONTACT_LOOKBEHIND));
  }

  function isNotRecipient(text, match, frames) {
    return saidBefore(NOT_RECIPIENT_BEFORE_RE, NOT_RECIPIENT_LOOKBEHIND, text, match.index) ||
      frames.holds(match.index);
  }

  // The lines of a text that open a stack frame's call (recipients.py _StackFrames).
  function StackFrames(text) {
    this.frames = Array.from(text.matchAll(STACK_FRAME_LINE_RE), function (found) {
      var opened = found.index + found[0].length;
      var lineEnd = text.indexOf("\n", opened);
      return [found.index, opened, lineEnd < 0 ? text.length : lineEnd];
    });
  }

  // Whether the text at start is an argument of a frame's call: after its "(" on its line.
  StackFrames.prototype.holds = function (start) {
    var low = 0, high = this.frames.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (this.frames[middle][0] <= start) low = middle + 1;
      else high = middle;
    }
    var frame = this.frames[low - 1];
    return Boolean(frame) && frame[1] <= start && start <= frame[2];
  };

  MFKB.bounces.recipients = { proseRecipients: proseRecipients, TABLE_HEADER_RE: TABLE_HEADER_RE,
    CSV_HEADER_RE: CSV_HEADER_RE };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
