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
  var acceptedRecipients = MFKB.bounces.transcript.acceptedRecipients;
  var tableSenders = MFKB.bounces.table_rows.tableSenders;

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
    tableSenders(report.body).forEach(function (address) { ours[address] = true; });
    pastedHeaderAddresses(report.body).forEach(function (address) { ours[address] = true; });
    acceptedRecipients(report.body).forEach(function (address) { ours[address] = true; });
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

  MFKB.bounces.recipients = { proseRecipients: proseRecipients, JSON_RECIPIENT_RE: JSON_RECIPIENT_RE };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
