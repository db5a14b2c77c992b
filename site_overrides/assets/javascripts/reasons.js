// Why a pasted bounce bounced: a port of generator/bounces/evidence.py (with reply.py,
// recipients.py and dsn_groups.py),
// rules.py and attach.py.  The rules are the same data
// (generator/data/reasons/rules.json, handed to the page in its lookup data);
// tests/test_reasons_browser.py runs this engine over the corpora and compares
// it with Python's.  The MIME walk is the text-level one of lookup.js.
(function () {
  "use strict";

  // --- report.py, as text: the header block and the report before the original
  var HEADER_LINE_RE = /^[!-9;-~]+:/;
  // not a paste that starts with a delivery-status field, nor with a program's "Net::..." or an exception's
  // name ("SMTPRecipientsRefused: ...") (bounces/message.py MESSAGE_START_RE)
  var MESSAGE_START_RE = /^(?!(?:Reporting-MTA|Final-Recipient|Original-Recipient|Remote-MTA|Diagnostic-Code|Action)[ \t]*:)(?![A-Za-z0-9]*[a-z][A-Z][A-Za-z0-9]*:|[A-Za-z]:)(?:From |[A-Za-z][\w-]*:(?!:))/;
  // nor with a program's log: a lower-case label ("smtp-in: ...", "queue: ...") or an exception's class
  // ("Horde_Smtp_Exception: ...") and no field that a message's header has in the block
  // (bounces/message.py starts_with_headers)
  var LOG_LABEL_RE = /^(?:[a-z][a-z0-9-]*|[A-Za-z][A-Za-z0-9_]*(?:Exception|Error)):/;
  var MESSAGE_FIELD_RE = /^(?:from|to|cc|subject|date|received|return-path|message-id|mime-version|content-type|delivered-to|envelope-to|reply-to|sender|x-[\w-]+)[ \t]*:/im;

  function startsWithHeaders(text) {
    if (!MESSAGE_START_RE.test(text)) return false;
    return !LOG_LABEL_RE.test(text) || MESSAGE_FIELD_RE.test(text.split(/\n[ \t]*\n/)[0]);
  }

  var ORIGINAL_START_RE = new RegExp(
    "^(?:Return-Path|Received|Message-ID|DKIM-Signature|MIME-Version|From|Date(?=:[ \\t]*(?:[A-Za-z]{3},[ \\t]*)?[0-9]{1,2}[ \\t]+[A-Za-z]{3}[ \\t])):(?![^\\n]*[ \\t]To:[ \\t]*<)[^\\n]*\\n" +
    "(?:[ \\t][^\\n]*\\n)*(?!Sent:)[A-Za-z][\\w-]*:|^Content-Type:[ \\t]*(?:message/rfc822|text/rfc822-headers|message/global-headers)" +
    // a line announcing the returned message inline (bounces/message.py ORIGINAL_MARKER_RE)
    "|^[ \\t]*(?:-{2,} ?(?:Original message|Below this line is a copy of the message|This is a copy of the message|The header of the original message|Original message follows)|Original (?:mail|message) as follows:?[ \\t]*$|Original message headers:[ \\t]*$)",
    "im");

  // A session transcript's message data, from the "354" go-ahead to the lone ".", is no
  // returned message (bounces/message.py TRANSCRIPT_DATA_RE): blanked, each offset kept.
  var TRANSCRIPT_DATA_RE = /^([^\n]*\b354[ -][^\n]*\n)((?:[^\n]*\n){0,500}?)([^\n.]{0,24}\.[ \t]*)$/gm;
  function withoutTranscriptData(text) {
    return text.replace(TRANSCRIPT_DATA_RE, function (all, go, data, end) {
      return go + data.replace(/[^\n]/g, " ") + end;
    });
  }

  function unfold(value) { return value.split(/\s+/).filter(Boolean).join(" "); }

  var FORWARDED_RE = /^(?:From [^ \n]+ +[A-Z][a-z]{2} [A-Z][a-z]{2} +[0-9]|Begin forwarded message:|-+ ?Forwarded message ?-+|(?:-{5}[^\n-][^\n]{0,40}?-{5}|_{10,})[ \t]*(?=\n[^\s:][^\n:]{0,30}:))/m;
  var QUOTE_MARK_RE = /^> ?/gm;
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

  function withoutTypeDescription(text) {
    return POSTMARK_PAYLOAD_RE.test(text) ? text.replace(TYPE_DESCRIPTION_RE, "") : text;
  }

  function unquoted(text) {
    var lines = text.split("\n").filter(function (line) { return line.trim(); });
    var quoted = lines.filter(function (line) { return line.charAt(0) === ">"; }).length;
    return lines.length && quoted / lines.length >= QUOTED_SHARE ? text.replace(QUOTE_MARK_RE, "") : text;
  }

  function readReport(text, prepare) {
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
    var start = body.slice(1).search(ORIGINAL_START_RE);
    // not one inside the returned message: its thread's earlier message (report.py _report)
    if (forwarded && (start < 0 || forwarded.index <= start + 1)) {
      var rest = body.slice(forwarded.index + forwarded[0].length);
      rest = rest.indexOf("\n") < 0 ? rest : rest.slice(rest.indexOf("\n") + 1);
      forwardedReport = readReport(rest.replace(/^\n+/, ""), identity);
      inners.push(forwardedReport);
      body = body.slice(0, forwarded.index);
    }
    var cut = withoutTranscriptData(body.slice(1)).search(ORIGINAL_START_RE);
    if (cut >= 0) {
      var after = body.slice(cut + 1);
      var part = EMBEDDED_PART_RE.exec(after);
      // report.py (_report) lists a MIME part's embedded messages before those forwarded in text
      if (part) inners.unshift(readReport(after.slice(part[0].length), identity));
      body = body.slice(0, cut + 1) + statusParts(after);
    }
    // a report of nothing but its MIME boundaries (Hotmail's complaint: the reported message alone) is
    // blank, as report.py's decoded text parts are: the message inside says what it is
    if (!body.replace(MIME_BOUNDARY_LINE_RE, "").trim() && inners.length) return inners[0];
    // a bounce forwarded in the text, or one inside with its delivery-status fields (report.py)
    inners.forEach(function (inner) {
      if (inner === forwardedReport || RECIPIENT_FIELD_RE.test(inner.body)) body = body + "\n\n" + inner.body;
    });
    return {
      headers: headers.map(function (line) {
        var colon = line.indexOf(":");
        return line.slice(0, colon) + ": " + unfold(line.slice(colon + 1));
      }).join("\n"),
      body: body,
    };
  }

  // --- evidence.py, with recipients.py, reply.py and dsn_groups.py --------
  // A local part never starts with "*" or "`": "**a@b**" is an address in Markdown
  // bold, "`a@b`" one in Markdown code.
  // Nor with a log's key: "from=a@b to=c@d" (address.py LOG_KEY), a quote or a brace ("{'a@b': (550, ...)}",
  // "{u'a@b': ...}"); the domain's last label holds a letter ("python@3.9" in a file path is none);
  // an "_" between the characters of another label is a placeholder's ("user@your_domain.com").
  var ADDRESS = "(?!(?:from|to|orig_to|id)=|[uUbB]')[A-Za-z0-9.!#$%&+/=?^_|}~-][A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]*" +
    "@[A-Za-z0-9-]+(?:_[A-Za-z0-9-]+)*(?:\\.[A-Za-z0-9-]+(?:_[A-Za-z0-9-]+)*)*\\.[A-Za-z0-9-]*[A-Za-z][A-Za-z0-9-]*";
  // Searched for only where a local part can start, or right after a log's key (address.py ADDRESS_RE).
  var ADDRESS_SEARCH = "(?<![A-Za-z0-9.!#$%&+/?^_|}~-])(?:(?<!=)|(?<=\\bfrom=)|(?<=\\bto=)|(?<=\\borig_to=)|(?<=\\bid=))" + ADDRESS;
  // The marks before it taken whole, as an atomic group (recipients.py LINE_ADDRESS_RE).
  var LINE_ADDRESS_RE = new RegExp("^(?=([ \\t>*\"'`-]*))\\1<?\\**(" + ADDRESS + ")", "gm");
  // "a@b, c@d": the addresses that continue a line-start address's list (recipients.py LIST_NEXT_RE).
  var LIST_NEXT_RE = new RegExp(">?[ \\t]*[,;][ \\t]*<?(" + ADDRESS + ")", "y");
  // What separates the addresses of one list (evidence.py LIST_SEPARATOR_RE).
  var LIST_SEPARATOR_RE = /^[>\s,;]*<?$/;
  var SENDER_BEFORE_RE = /(?:FROM:|\bfrom=|sender address:?|sender not allowed:?|"(?:source|from)"\s*:\s*"(?:[^"<\n]{0,40}<)?|\bmail from(?:\\n[245][0-9][0-9]-)?)\s*<?(?![\s\S])/i;
  var SENDER_LOOKBEHIND = 64;
  // A contact the report names, not a recipient (recipients.py CONTACT_BEFORE_RE).
  var CONTACT_BEFORE_RE = /(?:\bcontact|(?<!unable to )(?<!failed to )(?<!could not )(?<!couldn't )(?<!cannot )(?<!can't )(?<!not able to )\bsend (?:an? )?(?:e-?)?mail to|\bwrite to|\bforward this (?:message|e-?mail) to|\breport (?:(?:the )?details |it |this )?to)[ \t:]*<?(?![\s\S])/i;
  var CONTACT_LOOKBEHIND = 32;
  // The verb after the address, in Korean and Japanese (recipients.py CONTACT_AFTER_RE).
  var CONTACT_AFTER_RE = /^[>)\s]*(?:으?로 문의|まで(?:お問い?合わせ|ご連絡))/;
  // Java Mail's SMTPAddressFailedException, and a log's label of each cause (java_mail.py ENTRY_RE).
  var JAVA_MAIL_ENTRY_RE = /(?:\bSMTPAddressFailedException|'Invalid Addresses'[^\n:]*):[ \t]*(?=[45][0-9][0-9][ -])/g;
  // A log's "orig_to=<a@b>", Postfix's "(expanded from <a@b>)", "message-id=<...>" and ZoneMTA's "id=<...>"
  // (recipients.py NOT_RECIPIENT_BEFORE_RE).
  var NOT_RECIPIENT_BEFORE_RE = /(?:\borig_to=|\bmessage-id[=:][ \t]*|\bid=|"message[-_]?id"\s*:\s*"|\(expanded from:?\s*)<?(?![\s\S])/i;
  var NOT_RECIPIENT_LOOKBEHIND = 24;
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
  // Each failed recipient's member in an ESP's notification JSON (recipients.py JSON_RECIPIENT_RE).
  var JSON_RECIPIENT_RE = new RegExp('"(?:emailAddress|email|recipient|rcpt_to|rcpt)"\\s*:\\s*"<?(' + ADDRESS + ")", "gi");
  // A reply quoted as a JSON string ends at its closing quote (reply.py JSON_STRING_OPEN_RE).
  var JSON_STRING_OPEN_RE = /"\s*:\s*"(?:[^"\\\n]|\\.)*$/;
  // Mailgun's "delivery-status": "code": 421, then "message": "..."; maddy's "smtp_code", "smtp_msg"
  // (reply.py JSON_CODE_MESSAGE_RE).
  var JSON_CODE_MESSAGE_RE = /"(?:smtp_)?code"\s*:\s*([45][0-9][0-9])\s*,[^{}]*?"(?:message|smtp_msg)"\s*:\s*"(?!SMTP Error)((?:[^"\\\n]|\\.)+)"/;
  // IronPort AsyncOS's bounce log: Response: "('550', ['...'])" (reply.py ASYNCOS_RESPONSE_RE).
  // Python's smtplib: "(550, b'5.1.1 ...')", "(501, '...')", '(550, b"...")' (reply.py PYTHON_REPLY_RE).
  var PYTHON_REPLY_RE = /\(([45][0-9][0-9]), [bu]?(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)")/;
  // Roundcube's 'SMTP Error (550): Failed to add recipient "a@b" (...).' in any of its languages: the
  // server's words in the parentheses after the quoted address (reply.py WEBMAIL_SMTP_ERROR_RE).
  var WEBMAIL_SMTP_ERROR_RE = /\bSMTP[^\n(]{0,12}\(([45][0-9][0-9])\) ?:[^\n(]{0,80}?["\u00ab\u201c][^"\u00bb\u201d\n]*["\u00bb\u201d][^\n(]{0,60}\(([^\n]*)/;
  var ASYNCOS_RESPONSE_RE = /Response: "\('([45][0-9][0-9])',\s*\['((?:[^'\\]|\\.)*)'\]\)/;
  var JSON_STRING_REST_RE = /^(?:[^"\\\n]|\\.)*/;
  // Nodemailer's "response: '550 ...'," as Node prints it (reply.py NODE_STRING_OPEN_RE).
  var NODE_STRING_OPEN_RE = /\b(?:response|message):\s*'(?:[^'\\\n]|\\.)*$/;
  var NODE_STRING_REST_RE = /^(?:[^'\\\n]|\\.)*/;
  // Words before a reply on its line, other than a transcript's "S: " (reply.py TEXT_BEFORE_RE).
  var TEXT_BEFORE_RE = /^(?![ \t]*S: )[^\n]*[A-Za-z0-9]/;
  // A labelled field's line, and a line holding a reply in one (reply.py FIELD_LINE_RE, FIELD_BEFORE_RE).
  var FIELD_LINE = "[ \\t]*[A-Z][A-Za-z0-9_-]*(?: [A-Za-z0-9_-]+)*:[ \\t]";
  var FIELD_BEFORE_RE = /^[ \t]*[A-Z][A-Za-z0-9_-]*(?: [A-Za-z0-9_-]+)*:[ \t]*(?:[Ss][Mm][Tt][Pp];[ \t]*)?$/;
  // A line of an address alone does not continue a reply (reply.py ADDRESS_LINE_AHEAD).
  var ADDRESS_LINE = "[ \\t]*<?(" + ADDRESS + ")>?[ \\t]*";
  var ADDRESS_LINE_AHEAD = "(?!" + ADDRESS_LINE + "(?:\\n|$))";
  // Nor a stack trace's frame: "    at X.y (file.js:784:19)", '  File "smtplib.py", ...' (reply.py STACK_FRAME_AHEAD).
  var STACK_FRAME_AHEAD = "(?![ \\t]+(?:at [\\w$.<>/\\\\-]+(?: ?\\(|:[0-9])|File \"))";
  // Nor a transcript's next line: " -> QUIT", "<- 221 ...", nor a log's next entry "    relay: ..."
  // (reply.py TRANSCRIPT_LINE_AHEAD).
  var TRANSCRIPT_LINE_AHEAD = "(?![ \\t]*(?:(?:->|<-|<\\*\\*|>>>|<<<)[ \\t]|[a-z][a-z0-9-]*: ))";
  // Exim's "host mx [192.0.2.1]: " before a reply, and the lines at the line start that continue it (reply.py EXIM_HOST_BEFORE_RE, UNINDENTED_PARAGRAPH_RE).
  var EXIM_HOST_BEFORE_RE = /\bhost [^\s\[\]]+ \[[0-9A-Fa-f.:]+\]:[ \t]*$/;
  var UNINDENTED_PARAGRAPH_RE = new RegExp("^(?:\\n" + ADDRESS_LINE_AHEAD + "(?=[^\\s])[^\\n]*){0,3}");
  // Exim's "SMTP error from remote mail server after ...:" before a reply on its own line, and the
  // lines a paste put at the line start that continue a wrapped one (reply.py EXIM_ERROR_BEFORE_RE).
  var EXIM_ERROR_BEFORE_RE = /\bSMTP error from remote (?:mail server|MTA) after[^\n]*(?:\n[^\n]*)?:[ \t]*\n$/;
  var EXIM_ERROR_LOOKBEHIND = 160;
  var WRAPPED_LINE_CHARS = 60;
  var UNINDENTED_REPLY_LINES_RE = new RegExp("^(?:\\n" + ADDRESS_LINE_AHEAD + "(?!" + FIELD_LINE + ")(?!--)(?=[^\\s])[^\\n]*){0,3}");
  // Up to six non-blank lines, and the end of Postfix's reply among them (reply.py UNINDENTED_LINES_RE).
  var UNINDENTED_LINES_RE = /^(?:\n[^\n]*\S[^\n]*){1,6}/;
  var IN_REPLY_TO_RE = /\(in reply\s+to\s[^()]*?command\)/;
  // Postfix's "said: 553" ending its line, a blank line or an unindented line after it
  // (reply.py SAID_CODE_AT_LINE_END_RE).
  var SAID_CODE_AT_LINE_END_RE = /\bsaid:[ \t]*([45][0-9][0-9])[ \t]*\n(?:[ \t]*\n)?/;
  var DOUBLED_REPLY_LINES = 6;
  // The stage written after a reply ("... User Unknown  in RCPT TO"; reply.py STAGE_AFTER_RE).
  var STAGE_AFTER_RE = /\s+in (?:RCPT TO|MAIL FROM|DATA)\s*$/;
  // A log's "\n" for each line break of a multi-line reply (reply.py LOGGED_BREAK_RE).
  var LOGGED_BREAK_RE = /\\n(?=[245][0-9][0-9][ -])/g;
  // A reply code is a reply's only with words or a status code after it; few are tried (reply.py
  // WORDS_RE, WORDLESS_TRIES).
  var WORDS_RE = /[A-Za-z\u00C0-\uD7FF\uE000-\uFFFF]{2}|[245]\.[0-9]{1,3}\.[0-9]/;
  var WORDLESS_TRIES = 8;
  // A line break still escaped in a JSON string once read ends the reply's line, as a blank line does (reply.py ESCAPED_BREAK_RE).
  var ESCAPED_BREAK_RE = /\\r?\\n(?![245][0-9][0-9][ -])|\n[ \t]*\n/;
  // Symfony's and SwiftMailer's 'with message "550 ...".' (reply.py LIBRARY_QUOTE_BEFORE_RE).
  var LIBRARY_QUOTE_BEFORE_RE = /\bwith message \\?"$/;
  var LIBRARY_QUOTE_AFTER_RE = /"\.?$/;
  // sendmail's "(reason: 550 ...)": its parenthesis closes the reply (reply.py SENDMAIL_REASON_BEFORE_RE).
  var SENDMAIL_REASON_BEFORE_RE = /\(reason:[ \t]*$/;
  // A web mail log's escaped line end and its PHP exception's file and line (reply.py LOGGED_LINE_END_RE).
  var LOGGED_LINE_END_RE = /(?:\\r)?\\n$| in (?:[A-Za-z]:)?[\\/][^\s]*\.php:[0-9]+$/gm;
  var JSON_ESCAPES = {n: "\n", t: "\t", r: "\n", b: "", f: ""};
  var UNDEFINED_STATUS_RE = /^[245]\.0\.0$/;
  var FIELD_RE = /^([A-Za-z][A-Za-z0-9-]*):[ \t]*([^\n]*(?:\n[ \t][^\n]*)*)/gm;
  // A multi-line reply a field's value leaves open, and a line that starts a field
  // (dsn_groups.py OPEN_REPLY_RE, FIELD_START_RE).
  var OPEN_REPLY_RE = /(?<![0-9.])([45][0-9][0-9])-/;
  var FIELD_START_RE = /^[A-Za-z][A-Za-z0-9-]*:/;
  var OPEN_REPLY_LINES = 6;
  var PARAGRAPH_SPLIT_RE = /\n[ \t]*\n/;
  // Not a version in a file path ("python2.7.3", "ruby/2.3.0/") (evidence.py STATUS_RE).
  var STATUS_RE = /(?<![0-9.A-Za-z\/])([245]\.[0-9]{1,3}\.[0-9]{1,3})(?![0-9]|\.[0-9])/;
  // In prose only a failure's status is the recipient's (evidence.py FAILURE_STATUS_RE).
  var FAILURE_STATUS_RE = /(?<![0-9.A-Za-z\/])([45]\.[0-9]{1,3}\.[0-9]{1,3})(?![0-9]|\.[0-9])/;
  // "550: 5.7.1 ..." as Yahoo quotes it; not a code after an article ("with a 554 error"), a word of its own: no letter of a Latin script
  // before it ("ça 550 ..." has none; reply.py NOTE_CODE_AHEAD, WORD_START)
  var REPLY_RE = /(?<![0-9.])(?<![^\\][A-Za-z])(?!(?:(?<=(?<![0-9A-Za-z_\u00C0-\u024F])[Aa] )|(?<=(?<![0-9A-Za-z_\u00C0-\u024F])[Aa]n )|(?<=(?<![0-9A-Za-z_\u00C0-\u024F])[Tt]he ))[45][0-9][0-9] (?![245]\.))[45][0-9][0-9](?:[ -]|\n[ \t]+|\n(?=#?[245]\.[0-9]{1,3}\.[0-9]{1,3} )|: (?=[245]\.[0-9]{1,3}\.[0-9]{1,3} ))(?:[245]\.[0-9]{1,3}\.[0-9]{1,3}[ ]|#[245]\.[0-9]\.[0-9][ ])?[^\n]*/;
  // A reply without its basic code: at a line start, after "smtp;", or after a quote that opens its
  // line, as eM Client's log quotes it (reply.py BARE_STATUS_REPLY_RE, QUOTED_STATUS_LINE_RE)
  var BARE_STATUS_REPLY_RE = /(?:(?<![^\n])|(?<=smtp;)|(?<=smtp; )|(?<=(?<![^\n])[ \t]*"))[45]\.[0-9]{1,3}\.[0-9]{1,3} (?=\S)[^\n]*/i;
  // A mail queue listing's entry starts with its queue line (queue_listing.py QUEUE_LINE_RE).
  var QUEUE_LINE_RE = /^[ \t]*[0-9A-Za-z]{6,}[*!]?[ \t]+[0-9]+[ \t]+[A-Z][a-z]{2} [A-Z][a-z]{2} +[0-9]{1,2} [0-9]{2}:[0-9]{2}:[0-9]{2}[^\n]*/gm;
  // The same for one line, tested without a global pattern's lastIndex.
  var QUEUE_LINE_START_RE = new RegExp(QUEUE_LINE_RE.source);
  var QUEUE_RECIPIENT_RE = new RegExp("^" + ADDRESS_LINE + "$");
  // A log's line for a recipient it delivered to (evidence.py DELIVERED_RE).
  var DELIVERED_RE = /\bstatus=sent\b|\bstat=(?:Sent|Delivered)\b|\bC="250[ -]/g;
  // A log's line for a recipient it did not deliver to: the last logged outcome counts (evidence.py NOT_DELIVERED_RE).
  var NOT_DELIVERED_RE = /\bstatus=(?:deferred|bounced|expired)\b|\bstat=(?!(?:Sent|Delivered)\b)[A-Za-z]|\bdefer \(-?[0-9]+\)| \*\* [^ \n]+@/g;
  // The returned message's subject quoted by the report (evidence.py RETURNED_SUBJECT_RE).
  var RETURNED_SUBJECT_RE = /^[ \t]*(?:Subject|The subject of the message is):[^\n]*/gm;
  var FAILED_ACTIONS = ["failed", ""];
  var NOT_RECIPIENT_HEADERS = ["from", "to", "return-path", "reply-to", "sender"];

  function uniqueList(items) {
    var seen = {};
    return items.filter(function (item) {
      if (Object.prototype.hasOwnProperty.call(seen, item)) return false;
      seen[item] = true;
      return true;
    });
  }

  function addressIn(text) {
    var found = new RegExp(ADDRESS_SEARCH).exec(text || "");
    return found ? found[0].toLowerCase() : null;
  }

  function allAddresses(text) { return (text.match(new RegExp(ADDRESS_SEARCH, "g")) || []); }

  // The DSN's Status, unless it is only X.0.0 and the reply carries a code of the same
  // class (evidence.py _specific_status).
  function specificStatus(given, said) {
    if (given && said && UNDEFINED_STATUS_RE.test(given) && said[0] === given[0]) return said;
    return given || said;
  }

  function firstStatus(text) {
    var found = STATUS_RE.exec(text || "");
    return found ? found[1] : null;
  }

  function firstFailureStatus(text) {
    var found = FAILURE_STATUS_RE.exec(text || "");
    return found ? found[1] : null;
  }

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
      diagnosis: fields["diagnostic-code"] || "",
      retry: fields["will-retry-until"] || "",
    };
  }

  // A CSV log's sender column under its header line: PowerMTA's "orig" beside "rcpt" (recipients.py _csv_senders).
  var CSV_HEADER_RE = /^[A-Za-z_][A-Za-z0-9_-]*(?:,[A-Za-z_][A-Za-z0-9_-]*)+$/m;
  var CSV_SENDER_COLUMNS = ["orig", "sender", "from", "mailfrom", "mail_from"];
  var CSV_FIELD_SEPARATOR_RE = /,(?=(?:[^"\n]*"[^"\n]*")*[^"\n]*$)/;
  function csvSenders(body) {
    var header = CSV_HEADER_RE.exec(body);
    if (!header) return [];
    var columns = header[0].toLowerCase().split(",");
    var names = CSV_SENDER_COLUMNS.filter(function (name) { return columns.indexOf(name) >= 0; });
    if (!names.length) return [];
    var column = columns.indexOf(names[0]), whole = new RegExp("^(?:" + ADDRESS + ")$");
    return body.slice(header.index + header[0].length).split("\n").map(function (line) {
      var row = line.split(CSV_FIELD_SEPARATOR_RE);
      var value = row.length > column ? row[column].replace(/^[" ]+|[" ]+$/g, "") : "";
      return whole.test(value) ? value.toLowerCase() : null;
    }).filter(Boolean);
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
    var ours = {};
    lines.forEach(function (line) {
      if (NOT_RECIPIENT_HEADERS.indexOf(line.split(":")[0].toLowerCase()) < 0) return;
      allAddresses(line).forEach(function (address) { ours[address.toLowerCase()] = true; });
    });
    csvSenders(report.body).forEach(function (address) { ours[address] = true; });
    var listed = [];
    var match;
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
    var mentioned = [];
    var others = {};
    var contacts = {};
    var re = new RegExp(ADDRESS_SEARCH, "g");
    var frames = new StackFrames(report.body);
    while ((match = re.exec(report.body))) {
      var address = match[0].toLowerCase();
      if (ours[address]) continue;
      if (isContact(report.body, match)) contacts[address] = others[address] = true;
      if (isNotRecipient(report.body, match, frames)) continue;
      mentioned.push([address, isIntroduced(report.body, match)]);
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

  function isIntroduced(text, match) { return saidBefore(FAILED_BEFORE_RE, FAILED_LOOKBEHIND, text, match.index); }

  function afterSenderLabel(text, start) { return saidBefore(SENDER_BEFORE_RE, SENDER_LOOKBEHIND, text, start); }

  function isSender(text, match) {
    var end = match.index + match[0].length;
    return afterSenderLabel(text, match.index) ||
      SENDER_AFTER_RE.test(text.slice(end, end + 64)) ||
      BOUNCE_SENDER_RE.test(match[0]) ||
      onQueueLine(text, match);
  }

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

  // The reply up to the first ")" that closes a parenthesis opened before it (reply.py _before_unopened_parenthesis).
  function beforeUnopenedParenthesis(reply) {
    var depth = 0;
    for (var at = 0; at < reply.length; at++) {
      depth += (reply[at] === "(" ? 1 : 0) - (reply[at] === ")" ? 1 : 0);
      if (depth < 0) return reply.slice(0, at);
    }
    return reply;
  }

  // The reply without the closing marks of the text around it (reply.py _balanced).
  function balanced(reply, before) {
    if (SENDMAIL_REASON_BEFORE_RE.test(before)) return beforeUnopenedParenthesis(reply);
    var count = function (text, c) { return text.split(c).length - 1; };
    // The ")" at the reply's end that close parentheses opened before it (reply.py _without_unopened_closes).
    var withoutUnopenedCloses = function (text) {
      while (text.endsWith(")") && count(text, ")") > count(text, "(")) text = text.slice(0, -1);
      return text;
    };
    reply = withoutUnopenedCloses(reply);
    if (LIBRARY_QUOTE_BEFORE_RE.test(before)) {
      reply = withoutLibraryQuote(reply, before);
    } else {
      ["'", '"'].forEach(function (mark) {
        // Outlook Express's "Server Response: '550 ...', Port: 25": the quote opened before it closes it (reply.py)
        var close = reply.indexOf(mark + ", ");
        if (before.endsWith(mark) && count(before, mark) % 2 && close > 0) reply = reply.slice(0, close);
        // a note's sentence ending after its quote of a reply: '... command)".' (reply.py _balanced)
        if (reply.endsWith(mark + ".") && count(before, mark) % 2) reply = reply.slice(0, -1);
        if (reply.endsWith(mark) && count(before, mark) % 2) reply = reply.slice(0, -1);
      });
      reply = withoutUnopenedCloses(reply);
    }
    if (reply.endsWith("`") && count(reply, "`") % 2) reply = reply.slice(0, -1);
    return reply;
  }

  // Symfony's and SwiftMailer's 'with message "550 ...".': the last quote is the library's (reply.py
  // _without_library_quote).
  function withoutLibraryQuote(reply, before) {
    return LIBRARY_QUOTE_BEFORE_RE.test(before) ? reply.replace(LIBRARY_QUOTE_AFTER_RE, "") : reply;
  }

  // Each recipient's parts of a mail queue listing, below their queue lines (queue_listing.py queue_entries).
  function queueEntries(body, recipients) {
    var wanted = {};
    recipients.forEach(function (recipient) { if (recipient) wanted[recipient] = true; });
    var starts = Array.from(body.matchAll(QUEUE_LINE_RE));
    var entries = {};
    starts.forEach(function (start, index) {
      var end = index + 1 < starts.length ? starts[index + 1].index : body.length;
      queueRecipients(body.slice(start.index + start[0].length, end)).forEach(function (listed) {
        var address = listed[0];
        if (wanted[address]) (entries[address] = entries[address] || []).push(listed[1]);
      });
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

  function withoutQueueLines(body) { return body.replace(QUEUE_LINE_RE, ""); }
  function withoutReturnedSubjects(prose) { return prose.replace(RETURNED_SUBJECT_RE, ""); }

  function proseByRecipient(body, recipients) {
    var wanted = {};
    recipients.forEach(function (recipient) { if (recipient) wanted[recipient] = true; });
    if (Object.keys(wanted).length < 2) return {};
    var mentions = [];
    var re = new RegExp(ADDRESS_SEARCH, "g");
    var match;
    while ((match = re.exec(body))) {
      var address = match[0].toLowerCase();
      if (wanted[address]) mentions.push([match.index, address, match.index + match[0].length]);
    }
    var named = {};
    mentions.forEach(function (mention) { named[mention[1]] = true; });
    var together = Object.keys(named).length > 1 && mentions.every(function (mention, index) {
      return !index || LIST_SEPARATOR_RE.test(body.slice(mentions[index - 1][2], mention[0]));
    });
    if (together) return {};  // named only together, in one list: the whole report is about each of them
    mentions = outsideReplies(body, mentions);
    var stretches = {};
    mentions.forEach(function (mention, index) {
      if (index && mentions[index - 1][1] === mention[1]) return;
      var end = body.length;
      for (var later = index + 1; later < mentions.length; later++) {
        if (mentions[later][1] !== mention[1]) { end = mentions[later][0]; break; }
      }
      (stretches[mention[1]] = stretches[mention[1]] || []).push(body.slice(mention[0], end));
    });
    var out = {};
    Object.keys(stretches).forEach(function (recipient) { out[recipient] = stretches[recipient].join("\n"); });
    return out;
  }

  // The mentions not inside a reply running on the line of an earlier mention (evidence.py
  // _outside_replies); all of them if that would leave a recipient unmentioned.
  var REPLY_REACH = 16, REPLY_CONTEXT = 8;
  var REPLY_ALL_RE = new RegExp(REPLY_RE.source, "g");

  // Whether a reply starts in text at skip or later (the characters before skip only for lookbehinds).
  function replyFrom(text, skip) {
    REPLY_ALL_RE.lastIndex = 0;
    var found;
    while ((found = REPLY_ALL_RE.exec(text)) && found.index < skip) REPLY_ALL_RE.lastIndex = found.index + 1;
    return found !== null;
  }

  function outsideReplies(body, mentions) {
    var kept = [], previous = -1, firstEnd = 0, searched = 0, replied = false, named = {}, all = {};
    mentions.forEach(function (mention) {
      all[mention[1]] = true;
      if (previous < 0 || body.slice(previous, mention[0]).indexOf("\n") >= 0) {
        firstEnd = searched = mention[2];
        replied = false;
      } else if (!replied) {
        // Read on from where the last search stopped (evidence.py REPLY_REACH, REPLY_CONTEXT).
        var from = Math.max(firstEnd, searched - REPLY_REACH);
        var context = Math.max(firstEnd, from - REPLY_CONTEXT);
        replied = replyFrom(body.slice(context, mention[0]), from - context);
        searched = mention[0];
      }
      previous = mention[0];
      if (replied) return;
      named[mention[1]] = true;
      kept.push(mention);
    });
    return Object.keys(named).length === Object.keys(all).length ? kept : mentions;
  }

  // The SMTP command a text names first (evidence.py _first_command).
  function commandIn(commands, text) {
    text = unfold(text);
    var first = null;
    commands.forEach(function (command) {
      var match = command.pattern.exec(text);
      if (match && (first === null || match.index < first[0])) first = [match.index, command.command];
    });
    return first ? first[1] : null;
  }

  // once(reading, ...args) calls reading(...args) once for each distinct reading
  // and arguments (once.py Once): the recipients of one bounce share a text,
  // read once, not once per recipient.  Maps keyed by the reading, then by each
  // argument in turn (a reading is always given the same number of arguments,
  // four at most: called with them by name, not through apply, on the hot path).
  function newOnce() {
    var done = new Map();
    var firstReader = new Map(), shared = new Set();
    var once = function (reading, first, second, third, fourth) {
      var node = done, key = reading;
      for (var i = 1; i < arguments.length; i++) {
        var next = node.get(key);
        if (next === undefined) node.set(key, next = new Map());
        node = next;
        key = arguments[i];
      }
      var value = node.get(key);
      if (value === undefined && !node.has(key)) {
        node.set(key, value = reading(first, second, third, fourth));
      }
      return value;
    };
    // Notes that record's fields hold text; returns text (once.py Once.read_by).
    once.readBy = function (text, record) {
      var first = firstReader.get(text);
      if (first === undefined) firstReader.set(text, record);
      else if (first !== record) shared.add(text);
      return text;
    };
    // search(text), kept only for a text that several records share (once.py Once.search).
    once.search = function (search, text) { return shared.has(text) ? once(search, text) : search(text); };
    return once;
  }

  // The Diagnostic-Code's reply, or the prose's when it is the same reply read on by more
  // words (reply.py whole_reply).
  function wholeReply(given, told) {
    if (!given || !told) return given || told;
    given = unfold(given);
    var read = unfold(told.split(IN_REPLY_TO_RE).join("").replace(STAGE_AFTER_RE, ""));
    var more = read.startsWith(given + " ") ? read.slice(given.length + 1, given.length + 2) : "";
    return /^[\p{L}\p{N}]$/u.test(more) ? told : given;
  }

  // The first server reply in text, with the lines that continue it (reply.py first_reply).
  function replyIn(text) {
    text = text || "";
    // Only a code with words after it is a reply's; the next code is searched for on its line too.
    var search = new RegExp(REPLY_RE.source, "g"), found, reply;
    for (var tried = 0; tried < WORDLESS_TRIES && (found = search.exec(text)); tried++) {
      reply = replyAt(text, found);
      if (WORDS_RE.test(reply.slice(3))) return reply;
      search.lastIndex = found.index + 3;
    }
    var members = JSON_CODE_MESSAGE_RE.exec(text) || ASYNCOS_RESPONSE_RE.exec(text) || PYTHON_REPLY_RE.exec(text);
    if (members) return members[1] + " " + jsonUnescape(members[2] !== undefined ? members[2] : members[3]);
    var webmail = WEBMAIL_SMTP_ERROR_RE.exec(text);
    if (webmail) return webmail[1] + " " + beforeUnopenedParenthesis(webmail[2]).trim();
    // before a status code alone at a line start, the doubled reply's second line (reply.py first_reply)
    var doubled = doubledPostfixReply(text);
    if (doubled) return doubled;
    found = BARE_STATUS_REPLY_RE.exec(text);
    return found ? replyAt(text, found) : null;
  }

  // The reply that starts at found, with the lines that continue it (reply.py _reply_at).
  function replyAt(text, found) {
    var before = text.slice(text.lastIndexOf("\n", found.index - 1) + 1, found.index);
    var rest = text.slice(found.index + found[0].length);
    if (JSON_STRING_OPEN_RE.test(before)) {
      var quoted = jsonUnescape(JSON_STRING_REST_RE.exec(text.slice(found.index))[0]);
      return withoutLibraryQuote(quoted.split(ESCAPED_BREAK_RE)[0], before);
    }
    if (NODE_STRING_OPEN_RE.test(before)) return jsonUnescape(NODE_STRING_REST_RE.exec(text.slice(found.index))[0]);
    // one whose lines Postfix joined and wrapped again ("550-... 550-..." on one line) is wrapped text (reply.py)
    var joined = new RegExp("\\s" + escapeRegExp(found[0].slice(0, 3)) + "[ -]").test(found[0]);
    // a log's lines each after the same stamp ("[15-Aug-2018 04:28:19 -0500]: <id> Recv: 550-...") (reply.py)
    var logged = rest.startsWith("\n" + before + found[0].slice(0, 3));
    if (found[0][3] === "-" && (!TEXT_BEFORE_RE.test(before) || logged) && !joined) {
      // A multi-line reply on lines of its own, each after the same marks (reply.py first_reply).
      var code = escapeRegExp(found[0].slice(0, 3)), marks = escapeRegExp(before);
      var lines = new RegExp("^(?:\\n" + marks + code + "-[^\\n]*)*(?:\\n" + marks + code + " [^\\n]*)?");
      var multi = found[0] + lines.exec(rest)[0];
      var lineStart = found.index - before.length;
      if (/said:$/.test(text.slice(0, Math.max(lineStart - 1, 0)).trimEnd()) && multi.indexOf("(in reply to") < 0) {
        // Postfix's "said:" reply re-wrapped by a page (reply.py first_reply).
        multi = postfixTail(multi, rest.slice(multi.length - found[0].length));
      }
      // The marks are the transcript's or the quote's, not the server's words (reply.py first_reply).
      return balanced(before.trim() ? multi.split("\n" + before).join("\n") : multi, before);
    }
    var indent = /^[ \t]*/.exec(before)[0].length;
    // A reply held by a labelled field ends before the next field (reply.py first_reply).
    var nextField = FIELD_BEFORE_RE.test(before) ? "(?!" + FIELD_LINE + ")" : "";
    var continued = new RegExp("^(?:\\n" + ADDRESS_LINE_AHEAD + STACK_FRAME_AHEAD + TRANSCRIPT_LINE_AHEAD + nextField + "[ \\t]{" + Math.max(indent, 1) + ",}[^\\s][^\\n]*)*");
    var reply = found[0] + continued.exec(rest)[0];
    if (/said:$/.test(before.trimEnd()) && reply.indexOf("(in reply to") < 0) {
      reply = postfixTail(reply, rest.slice(reply.length - found[0].length));
    } else if (indent && reply === found[0] && EXIM_HOST_BEFORE_RE.test(before)) {
      // Exim's "host mx [192.0.2.1]: 421 ..." wrapped at the line start by a paste (reply.py first_reply).
      reply += UNINDENTED_PARAGRAPH_RE.exec(rest)[0];
    } else if (!before.trim() && reply === found[0] && reply.length >= WRAPPED_LINE_CHARS &&
               EXIM_ERROR_BEFORE_RE.test(text.slice(Math.max(0, found.index - before.length - EXIM_ERROR_LOOKBEHIND),
                                                    found.index - before.length))) {
      // Exim's reply on its own line, its wrapped lines put at the line start (reply.py first_reply).
      reply += UNINDENTED_REPLY_LINES_RE.exec(rest)[0];
    }
    return balanced(reply.replace(LOGGED_BREAK_RE, "\n").replace(LOGGED_LINE_END_RE, ""), before);
  }

  // Postfix's "said: 553" whose every line break a paste doubled, read to its "(in reply to ...
  // command)" (reply.py _doubled_postfix_reply).
  function doubledPostfixReply(text) {
    var said = SAID_CODE_AT_LINE_END_RE.exec(text);
    if (!said) return null;
    var lines = text.slice(said.index + said[0].length).split("\n").slice(0, 2 * DOUBLED_REPLY_LINES)
      .filter(function (line) { return line.trim(); });
    var reply = [said[1]].concat(lines.slice(0, DOUBLED_REPLY_LINES).map(function (line) { return line.trim(); })).join(" ");
    var close = IN_REPLY_TO_RE.exec(reply);
    return close ? reply.slice(0, close.index + close[0].length) : null;
  }

  // Postfix's reply with the lines a paste lost the indentation of, to "(in reply to ... command)"
  // (reply.py _postfix_tail).
  function postfixTail(reply, after) {
    var lines = UNINDENTED_LINES_RE.exec(after);
    if (!lines) return reply;
    var joined = reply + lines[0];
    var close = IN_REPLY_TO_RE.exec(joined.slice(reply.length));
    return close ? joined.slice(0, reply.length + close.index + close[0].length) : reply;
  }

  function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  function jsonUnescape(text) {
    var unescaped = text.replace(/\\(u[0-9a-fA-F]{4}|.)/g, function (all, escape) {
      if (escape.length === 5) return String.fromCharCode(parseInt(escape.slice(1), 16));
      return Object.prototype.hasOwnProperty.call(JSON_ESCAPES, escape) ? JSON_ESCAPES[escape] : escape;
    });
    // A half of a UTF-16 pair alone ("\ud800") becomes U+FFFD, as in reply.py.
    return unescaped.toWellFormed ? unescaped.toWellFormed() : unescaped;
  }

  function gather(report, commands, family) {
    var groups = dsnGroups(report.body);
    var failed = groups.filter(function (g) { return FAILED_ACTIONS.indexOf(g.action) >= 0; });
    var delayed = groups.filter(function (g) { return g.action === "delayed"; });
    var chosen = failed.length ? failed : delayed.length ? delayed : groups;
    if (!chosen.length) {
      // Java Mail's refusals pasted together: each its own failure, with its own text (java_mail.py).
      chosen = javaMailEntries(report.body).map(function (entry) {
        return { recipient: entry[0], action: "", status: "", diagnosis: "", prose: entry[1] };
      });
      if (!chosen.length) chosen = proseRecipients(report).map(function (address) {
        return { recipient: address, action: "", status: "", diagnosis: "" };
      });
      if (!chosen.length) chosen = [{ recipient: null, action: "", status: "", diagnosis: "" }];
    }
    var recipients = (groups.length ? groups : chosen).map(function (g) { return g.recipient; });
    var mentions = queueEntries(report.body, recipients);
    if (!Object.keys(mentions).length) mentions = bounceLogEntries(report.body, recipients);
    if (!Object.keys(mentions).length) mentions = proseByRecipient(report.body, recipients);
    var once = newOnce();
    var records = chosen.map(function (group) {
      var prose = "prose" in group ? group.prose :
        Object.prototype.hasOwnProperty.call(mentions, group.recipient) ? mentions[group.recipient] : once(withoutQueueLines, report.body);
      prose = once(withoutReturnedSubjects, prose);
      var reply = wholeReply(replyIn(group.diagnosis), once(replyIn, prose));
      return {
        recipient: group.recipient,
        action: group.action,
        status: specificStatus(firstStatus(group.status), firstStatus(group.diagnosis) || once(firstFailureStatus, prose)),
        reply: reply ? unfold(reply) : null,
        diagnosis: group.diagnosis || prose,
        prose: prose,
        command: [group.diagnosis, prose, report.body].reduce(function (found, text) {
          return found || once(commandIn, commands, text || "");
        }, null),
        family: family,
        text: report.body,
        headers: report.headers,
        retry: group.retry || "",
      };
    });
    var undelivered = records.filter(function (record) { return !delivered(record); });
    if (undelivered.length) return undelivered;
    // A log that delivered every recipient it names, in the end, reports deliveries.
    records.forEach(function (record) { record.action = "delivered"; });
    return records;
  }

  // Java Mail's refusals, when a text holds more than one: [the address its reply names, or null; the
  // failure's text from its reply on], the same failure printed again counted once (java_mail.py).
  function javaMailEntries(body) {
    var starts = Array.from(body.matchAll(JAVA_MAIL_ENTRY_RE));
    var entries = new Map();
    starts.forEach(function (start, index) {
      var text = body.slice(start.index + start[0].length, index + 1 < starts.length ? starts[index + 1].index : body.length);
      var replyLine = text.split("\n", 1)[0].trim();
      var address = new RegExp(ADDRESS_SEARCH).exec(replyLine);
      if (!entries.has(replyLine)) entries.set(replyLine, [address ? address[0].toLowerCase() : null, text]);
    });
    return entries.size > 1 ? Array.from(entries.values()) : [];
  }

  // A recipient without a delivery-status group whose own log lines say, last, that it was delivered
  // (evidence.py _delivered).
  function delivered(record) {
    if (record.action || record.recipient === null) return false;
    return lastEnd(DELIVERED_RE, record.prose) > lastEnd(NOT_DELIVERED_RE, record.prose);
  }

  // Where the last match of a global pattern in text ends, or -1 (evidence.py _last_end).
  function lastEnd(pattern, text) {
    var end = -1, found;
    pattern.lastIndex = 0;
    while ((found = pattern.exec(text))) end = pattern.lastIndex;
    return end;
  }

  // --- rules.py ---------------------------------------------------------------
  var SPACES_RE = /[ \t\n\r\f\v\u00a0\u3000]+/g;
  var CONTINUATION_RE = /(?<=[^ ]) [245][0-9][0-9][ -][245]\.[0-9]{1,3}\.[0-9]{1,3}(?= )/g;
  var QUOTE_CHARS = 80;
  var MATCHED_CHARS = 20000;
  var CODES_GROUP = "codes";
  var FAMILY_TEXT_CHARS = 4000;

  function compile(pattern) { return new RegExp(pattern, "i"); }

  // A rule's "when" or "unless" object, {field: pattern}, as conditions (rules.py _when).
  function conditions(object) {
    return Object.keys(object || {}).map(function (field) { return fieldCondition({ field: field, pattern: object[field] }); });
  }

  // {"field", "pattern"} of rules.json, compiled (rules.py _condition).
  function fieldCondition(item) {
    var pattern = compile(item.pattern);
    return { field: item.field, pattern: pattern, search: pattern.exec.bind(pattern) };
  }

  // Through once, a text every recipient of a bounce shares is searched once (rules.py Condition.search).
  function holds(condition, fields, once) {
    var value = fields[condition.field];
    if (!value) return false;
    return once ? once.search(condition.search, value) !== null : condition.pattern.test(value);
  }

  // String fields with white space runs made one space (headers keep their lines)
  // (rules.py matchable and _spaced).
  function matchable(evidence, once) {
    var fields = {};
    once = once || newOnce();
    Object.keys(evidence).forEach(function (name) {
      var value = evidence[name];
      if (typeof value !== "string") return;
      fields[name] = once.readBy(name === "headers" ? value.slice(0, MATCHED_CHARS) : once(spaced, value), evidence);
    });
    return fields;
  }

  function spaced(value) {
    return value.replace(SPACES_RE, " ").trim().replace(CONTINUATION_RE, "").slice(0, MATCHED_CHARS);
  }

  function quote(field, text) {
    if (text.length > QUOTE_CHARS) text = text.slice(0, QUOTE_CHARS) + "\u2026";
    return field + " \"" + text + "\"";
  }

  function Rules(data) {
    this.stages = data.stages;
    this.rules = data.rules.map(function (rule) {
      var pattern = compile(rule.pattern);
      return { group: rule.group, reason: rule.reason, pattern: pattern, search: pattern.exec.bind(pattern),
               when: conditions(rule.when) };
    });
    this.refinements = data.refine.map(function (item) {
      return { reason: item.reason, to: item.to, when: conditions(item.when), unless: conditions(item.unless), why: item.why || "" };
    });
    this.families = data.families.map(function (item) { return { family: item.family, condition: fieldCondition(item) }; });
    this.commands = data.commands.map(function (item) { return { command: item.command, pattern: compile(item.pattern) }; });
    this.delay = {
      notice: data.delay.notice.map(fieldCondition), unless: data.delay.unless.map(fieldCondition),
      retry: compile(data.delay.retry),
    };
    this.defaultReason = data["default"];
    var reasoned = function (item) { return { reason: item.reason, condition: fieldCondition(item) }; };
    this.notBounce = {
      structure: data.not_bounce.structure.map(reasoned), words: data.not_bounce.words.map(reasoned),
      unless: data.not_bounce.unless.map(fieldCondition),
    };
    this.notBounceReasons = uniqueList(this.notBounce.structure.concat(this.notBounce.words).map(function (item) {
      return item.reason;
    }));
  }

  // What a text that is no bounce is (an automatic reply, a complaint...), or null (not_bounce.py kind_of).
  Rules.prototype.kindOf = function (headers, text, once) {
    once = once || newOnce();
    var fields = matchable({ headers: headers, text: text }, once);
    function first(items) {
      for (var i = 0; i < items.length; i++) {
        var value = fields[items[i].condition.field];
        var found = value ? once.search(items[i].condition.search, value) : null;
        if (found) return { reason: items[i].reason, evidence: quote(items[i].condition.field, found[0].trim()) };
      }
      return null;
    }
    var found = first(this.notBounce.structure);
    if (found || this.notBounce.unless.some(function (c) { return holds(c, fields, once); })) return found;
    return first(this.notBounce.words);
  };

  Rules.prototype.family = function (evidence) {
    var fields = matchable(evidence);
    for (var i = 0; i < this.families.length; i++) {
      if (holds(this.families[i].condition, fields)) return this.families[i].family;
    }
    return null;
  };

  Rules.prototype.firstMatch = function (fields, once) {
    for (var s = 0; s < this.stages.length; s++) {
      var stage = this.stages[s];
      var value = fields[stage.field];
      if (!value) continue;
      for (var r = 0; r < this.rules.length; r++) {
        var rule = this.rules[r];
        if (rule.group !== stage.group) continue;
        var found = once.search(rule.search, value);
        if (found && rule.when.every(function (c) { return holds(c, fields, once); })) {
          return { reason: rule.reason, evidence: quote(stage.field, found[0]) };
        }
      }
    }
    return { reason: this.defaultReason, evidence: "no rule matched" };
  };

  // The records of one bounce share once (rules.py decide): a text many of them
  // share is made matchable and searched by each rule once, not once per recipient.
  Rules.prototype.decide = function (evidence, once) {
    once = once || newOnce();
    var fields = matchable(evidence, once);
    var decision = this.firstMatch(fields, once);
    for (var i = 0; i < this.refinements.length; i++) {
      var refinement = this.refinements[i];
      var applies = refinement.reason === decision.reason &&
        refinement.when.every(function (c) { return holds(c, fields, once); }) &&
        !refinement.unless.some(function (c) { return holds(c, fields, once); });
      if (applies) {
        var named = refinement.when.map(function (c) { return c.field + " " + fields[c.field]; }).join(", ");
        return { reason: refinement.to, evidence: decision.evidence + "; " + (refinement.why || named) };
      }
    }
    return decision;
  };

  // --- delay.py: a delay warning, still being retried, not a bounce -----------
  var UNDECIDED_ACTIONS = ["delayed", ""];

  // (delay.py DelayWords.of)
  Rules.prototype.delayOf = function (record, once) {
    once = once || newOnce();
    if (UNDECIDED_ACTIONS.indexOf(record.action) < 0) return null;
    var fields = matchable(record, once);
    if (record.action !== "delayed" &&
        !(conditionHolds(this.delay.notice, fields, once) && !conditionHolds(this.delay.unless, fields, once))) {
      return null;
    }
    if (record.retry) return { retry: "Will-Retry-Until: " + record.retry };
    return { retry: once(retryWords, this.delay, record.text) };
  };

  // One of the conditions holds, each searching its field's text once per bounce (delay.py _holds).
  function conditionHolds(conditions, fields, once) {
    return conditions.some(function (condition) { return holds(condition, fields, once); });
  }

  // (delay.py _retry_words)
  function retryWords(delay, text) {
    var found = delay.retry.exec(text);
    return found ? unfold(found[0].replace(/"/g, "")) : null;
  }

  Rules.prototype.codeReason = function (status) {
    for (var i = 0; i < this.rules.length; i++) {
      if (this.rules[i].group === CODES_GROUP && this.rules[i].pattern.test(status)) return this.rules[i].reason;
    }
    return null;
  };

  // --- classify.py and attach.py ----------------------------------------------
  Rules.prototype.evidenceRecords = function (text, prepare) {
    return this.recordsOf(readReport(text, prepare || identity));
  };

  Rules.prototype.recordsOf = function (report) {
    var family = this.family({ headers: report.headers, text: report.body.slice(0, FAMILY_TEXT_CHARS) });
    return gather(report, this.commands, family);
  };

  // For a text that is no bounce, one verdict without a recipient that says what it is (classify.py).
  Rules.prototype.classify = function (text, prepare) {
    var once = newOnce();
    var report = readReport(text, prepare || identity);
    var kind = this.kindOf(report.headers, report.body, once);
    if (kind) {
      return [{ recipient: null, status: null, reply: null, reason: kind.reason, family: null, evidence: kind.evidence,
                delayed: false, retry: null }];
    }
    return this.recordsOf(report).map(function (record) {
      var decision = this.decide(record, once);
      var delay = this.delayOf(record, once);
      return {
        recipient: record.recipient, status: record.status, reply: record.reply,
        reason: decision.reason, family: record.family, evidence: decision.evidence,
        delayed: delay !== null, retry: delay ? delay.retry : null,
      };
    }, this);
  };

  function attach(codes, verdicts) {
    var byCode = codes.map(function () { return null; });
    var alone = [];
    verdicts.forEach(function (verdict, number) {
      var slot = null;
      for (var i = 0; i < codes.length; i++) {
        if (codes[i] === verdict.status && byCode[i] === null) { slot = i; break; }
      }
      if (slot === null && number === 0 && codes.length && byCode[0] === null) slot = 0;
      if (slot !== null) byCode[slot] = verdict.reason;
      else if (alone.indexOf(verdict.reason) < 0 && byCode.indexOf(verdict.reason) < 0) alone.push(verdict.reason);
    });
    if (byCode.some(Boolean)) return { byCode: byCode, before: [], after: alone };
    return { byCode: byCode, before: alone, after: [] };
  }

  // The order to list the codes of a report without delivery-status fields in: those on a line
  // that names a failed recipient first (attach.py recipients_first); codeLines(code) gives its lines.
  function recipientsFirst(text, codes, verdicts, codeLines) {
    var recipients = {}, any = false;
    verdicts.forEach(function (verdict) { if (verdict.recipient) { recipients[verdict.recipient] = true; any = true; } });
    var order = codes.map(function (code, index) { return index; });
    if (!any || RECIPIENT_FIELD_RE.test(text)) return order;
    var namesOne = codes.map(function (code) {
      return codeLines(code).some(function (line) {
        return allAddresses(line).some(function (address) { return recipients[address.toLowerCase()]; });
      });
    });
    // A code whose lines name only other messages than the failed recipients' is left out (attach.py).
    var failedIds = {}, anyFailedId = false;
    codes.forEach(function (code, index) {
      if (namesOne[index]) messageIds(codeLines(code)).forEach(function (id) { failedIds[id] = anyFailedId = true; });
    });
    var kept = order.filter(function (index) {
      var ids = messageIds(codeLines(codes[index]));
      return !(anyFailedId && ids.length && !namesOne[index] && !ids.some(function (id) { return failedIds[id]; }));
    });
    return kept.filter(function (index) { return namesOne[index]; })
      .concat(kept.filter(function (index) { return !namesOne[index]; }));
  }

  // The messages a structured log's lines name (attach.py MESSAGE_ID_MEMBER_RE): maddy's "msg_id": "2f6f32e9".
  var MESSAGE_ID_MEMBER_RE = /"(?:msg_id|message_id|queue_id)" ?: ?"([^"\\]+)"/g;
  function messageIds(lines) {
    var ids = [];
    lines.forEach(function (line) {
      line.replace(MESSAGE_ID_MEMBER_RE, function (whole, id) { ids.push(id); return whole; });
    });
    return ids;
  }

  // For a bounce the verdicts go along (attach.py): whom each reason is about.
  Rules.prototype.attachReasons = function (text, codes, bounce, prepare) {
    var verdicts = this.classify(text, prepare);
    if (this.notBounceReasons.indexOf(verdicts[0].reason) >= 0) {
      // Not a bounce: what it is comes first, and its codes carry no reason (attach.py).
      return { byCode: codes.map(function () { return null; }), before: [verdicts[0].reason], after: [] };
    }
    if (bounce) {
      var attached = attach(codes, verdicts);
      attached.verdicts = verdicts;
      return attached;
    }
    if (verdicts[0].reason !== this.defaultReason) {
      // A one-line paste that names its recipient says whom it is about (attach.py).
      var decided = attach(codes, verdicts);
      decided.verdicts = verdicts.filter(function (verdict) { return verdict.recipient; });
      return decided;
    }
    return { byCode: codes.map(this.codeReason, this), before: [], after: [] };
  };

  window.MfkbReasons = { Rules: Rules, attach: attach, recipientsFirst: recipientsFirst, withoutTranscriptData: withoutTranscriptData };
})();
