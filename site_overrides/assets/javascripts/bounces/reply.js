// generator/bounces/reply.py: the server's reply a report quotes, whole.
(function (MFKB) {
  "use strict";
  var ADDRESS_LINE = MFKB.bounces.address.ADDRESS_LINE;
  var unfold = MFKB.bounces.report.unfold;
  var balanced = MFKB.bounces.reply_marks.balanced;
  var beforeUnopenedParenthesis = MFKB.bounces.reply_marks.beforeUnopenedParenthesis;
  var unopenedClose = MFKB.bounces.reply_marks.unopenedClose;
  var withoutLibraryQuote = MFKB.bounces.reply_marks.withoutLibraryQuote;

  // A reply quoted as a JSON string ends at its closing quote (reply.py JSON_STRING_OPEN_RE).
  var JSON_STRING_OPEN_RE = /"\s*:\s*"(?:[^"\\\n]|\\.)*$/;
  // Mailgun's "delivery-status": "code": 421, then "message": "..."; maddy's "smtp_code", "smtp_msg"
  // (reply.py JSON_CODE_MESSAGE_RE).
  var JSON_CODE_MESSAGE_RE = /"(?:smtp_)?code"\s*:\s*([45][0-9][0-9])\s*,[^{}]*?"(?:message|smtp_msg)"\s*:\s*"(?!SMTP Error)((?:[^"\\\n]|\\.)+)"/;
  // IronPort AsyncOS's bounce log: Response: "('550', ['...'])" (reply.py ASYNCOS_RESPONSE_RE).
  // Python's smtplib: "(550, b'5.1.1 ...')", "(501, '...')", '(550, b"...")' (reply.py PYTHON_REPLY_RE).
  var PYTHON_REPLY_RE = /\(([45][0-9][0-9]), [bu]?(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)")/;
  // Roundcube's 'SMTP Error (550): Failed to add recipient "a@b" (...).' (reply.py WEBMAIL_SMTP_ERROR_RE, QUOTED_ADDRESS_CHARS)
  var WEBMAIL_SMTP_ERROR_HEAD = /\bSMTP[^\n(]{0,12}\(([45][0-9][0-9])\) ?:[^\n(]{0,80}?["\u00ab\u201c]/.source;
  var WEBMAIL_SMTP_ERROR_RE = new RegExp(WEBMAIL_SMTP_ERROR_HEAD + /[^"\u00bb\u201d\n]{0,320}["\u00bb\u201d][^\n(]{0,60}\(([^\n]*)/.source);
  var ASYNCOS_RESPONSE_RE = /Response: "\('([45][0-9][0-9])',\s*\['((?:[^'\\]|\\.)*)'\]\)/;
  // PEAR Mail's "[SMTP: Invalid response code received from server (code: 550, response: ...)]" (reply.py PEAR_SMTP_ERROR_RE).
  var PEAR_SMTP_ERROR_RE = /\(code: ([45][0-9][0-9]), response: ([^\n]*)/;
  var JSON_STRING_REST_RE = /^(?:[^"\\\n]|\\.)*/;
  // Nodemailer's "response: '550 ...'," as Node prints it (reply.py NODE_STRING_OPEN_RE).
  var NODE_STRING_OPEN_RE = /\b(?:response|message):\s*'(?:[^'\\\n]|\\.)*$/;
  var NODE_STRING_REST_RE = /^(?:[^'\\\n]|\\.)*/;
  // Words before a reply on its line, other than a transcript's "S: " (reply.py TEXT_BEFORE_RE).
  var TEXT_BEFORE_RE = /^(?![ \t]*S: )[^\n]*[A-Za-z0-9]/;
  // A labelled field's line, and a line holding a reply in one (reply.py FIELD_LINE_RE, FIELD_BEFORE_RE).
  var FIELD_LINE = "[ \\t]*[A-Z][A-Za-z0-9_-]*(?: [A-Za-z0-9_-]+)*:[ \\t]";
  var FIELD_BEFORE_RE = /^[ \t]*[A-Z][A-Za-z0-9_-]*(?: [A-Za-z0-9_-]+)*:[ \t]*(?:[Ss][Mm][Tt][Pp];[ \t]*)?$/;
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
  // The stage written after a reply ("... User Unknown  in RCPT TO"), from a run of spaces' start (reply.py STAGE_AFTER_RE).
  var STAGE_AFTER_RE = /(?<!\s)\s+in (?:RCPT TO|MAIL FROM|DATA)\s*$/;
  // A log's "\n" for each line break of a multi-line reply (reply.py LOGGED_BREAK_RE).
  var LOGGED_BREAK_RE = /\\n(?=[245][0-9][0-9][ -])/g;
  // A reply code is a reply's only with words or a status code after it; few are tried (reply.py
  // WORDS_RE, WORDLESS_TRIES).
  var WORDS_RE = /[A-Za-z\u00C0-\uD7FF\uE000-\uFFFF]{2}|[245]\.[0-9]{1,3}\.[0-9]/;
  var WORDLESS_TRIES = 8;
  // A line break still escaped in a JSON string once read ends the reply's line, as a blank line does (reply.py ESCAPED_BREAK_RE).
  var ESCAPED_BREAK_RE = /\\r?\\n(?![245][0-9][0-9][ -])|\n[ \t]*\n/;
  // Exchange's delivery status record ("{[{LRT=};{LED=550 5.7.1 ...};{FQDN=};{IP=}]}"): the reply is the
  // LED's value, across the lines a console wrapped it on, to the "}" that closes its "{"
  // (reply.py EXCHANGE_LED_BEFORE_RE, _closing_brace).
  var EXCHANGE_LED_BEFORE_RE = /\{LED=$/;
  var EXCHANGE_LED_CHARS = 4000;
  var BLANK_LINES_RE = /\n(?:[ \t]*\n)+/g, DOUBLED_BREAK = "\\n(?:[ \\t]*\\n)?";
  // A web mail log's escaped line end and its PHP exception's file and line (reply.py LOGGED_LINE_END_RE).
  var LOGGED_LINE_END_RE = /(?:\\r)?\\n$| in (?:[A-Za-z]:)?[\\/][^\s]*\.php:[0-9]+$/gm;
  var JSON_ESCAPES = {n: "\n", t: "\t", r: "\n", b: "", f: ""};
  // "550: 5.7.1 ..." as Yahoo quotes it; not a code after an article ("with a 554 error"), a word of its own: no letter of a Latin script
  // before it ("ça 550 ..." has none; reply.py NOTE_CODE_AHEAD, WORD_START)
  var REPLY_RE = /(?<![0-9.])(?<![^\\][A-Za-z])(?!(?:(?<=(?<![0-9A-Za-z_\u00C0-\u024F])[Aa] )|(?<=(?<![0-9A-Za-z_\u00C0-\u024F])[Aa]n )|(?<=(?<![0-9A-Za-z_\u00C0-\u024F])[Tt]he ))[45][0-9][0-9] (?![245]\.))[45][0-9][0-9](?:-[ \t]*\n[ \t]*(?=#?[245]\.[0-9]{1,3}\.[0-9]{1,3} )|[ -]|\n[ \t]+|\n(?=#?[245]\.[0-9]{1,3}\.[0-9]{1,3} )|: (?=[245]\.[0-9]{1,3}\.[0-9]{1,3} ))(?:[245]\.[0-9]{1,3}\.[0-9]{1,3}[ ]|#[245]\.[0-9]\.[0-9][ ])?[^\n]*/;
  // A reply without its basic code: at a line start, after "smtp;", or after a quote that opens its
  // line, as eM Client's log quotes it (reply.py BARE_STATUS_REPLY_RE, QUOTED_STATUS_LINE_RE)
  var BARE_STATUS_REPLY_RE = /(?:(?<![^\n])|(?<=smtp;)|(?<=smtp; )|(?<=(?<![^\n])[ \t]*"))[45]\.[0-9]{1,3}\.[0-9]{1,3} (?=\S)[^\n]*/i;

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
      if (WORDS_RE.test(reply.slice(3))) return reply.replace(/^([45][0-9][0-9]-)[ \t\n]+(?=#?[245]\.[0-9]{1,3}\.[0-9]{1,3} )/, "$1");  // reply.py BROKEN_AFTER_CODE_RE
      search.lastIndex = found.index + 3;
    }
    var members = JSON_CODE_MESSAGE_RE.exec(text) || ASYNCOS_RESPONSE_RE.exec(text) || PYTHON_REPLY_RE.exec(text);
    if (members) return members[1] + " " + jsonUnescape(members[2] !== undefined ? members[2] : members[3]);
    var mailer = WEBMAIL_SMTP_ERROR_RE.exec(text) || PEAR_SMTP_ERROR_RE.exec(text);
    if (mailer) return mailer[1] + " " + beforeUnopenedParenthesis(mailer[2]).trim();
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
    if (EXCHANGE_LED_BEFORE_RE.test(before)) {
      var close = closingBrace(text, found.index);
      if (close !== null) return text.slice(found.index, close).replace(BLANK_LINES_RE, "\n");
    }
    // one whose lines Postfix joined and wrapped again ("550-... 550-..." on one line) is wrapped text (reply.py)
    var joined = new RegExp("\\s" + escapeRegExp(found[0].slice(0, 3)) + "[ -]").test(found[0]);
    // a log's lines each after the same stamp ("[15-Aug-2018 04:28:19 -0500]: <id> Recv: 550-...") (reply.py)
    var code = escapeRegExp(found[0].slice(0, 3)), marks = escapeRegExp(before);
    var logged = new RegExp("^" + DOUBLED_BREAK + marks + code).test(rest);  // a blank line between: reply.py
    // or its first line after the report's words, the rest at the line start (qmail's "Remote host said:") (reply.py)
    var saidFirst = !logged && new RegExp("^" + DOUBLED_BREAK + code + "[ -]").test(rest);
    if (saidFirst) marks = "";
    if (found[0][3] === "-" && (!TEXT_BEFORE_RE.test(before) || logged || saidFirst) && !joined) {
      // A multi-line reply on lines of its own, each after the same marks (reply.py first_reply).
      var lines = new RegExp("^(?:" + DOUBLED_BREAK + marks + code + "-[^\\n]*)*(?:" + DOUBLED_BREAK + marks + code + " [^\\n]*)?");
      var multi = found[0] + lines.exec(rest)[0];
      var lineStart = found.index - before.length;
      if (/said:$/.test(text.slice(0, Math.max(lineStart - 1, 0)).trimEnd()) && multi.indexOf("(in reply to") < 0) {
        // Postfix's "said:" reply re-wrapped by a page (reply.py first_reply).
        multi = postfixTail(multi, rest.slice(multi.length - found[0].length));
      }
      multi = multi.replace(BLANK_LINES_RE, "\n").replace(LOGGED_LINE_END_RE, "");  // doubled breaks, a log's "\\n" (reply.py)
      return balanced(before.trim() && !saidFirst ? multi.split("\n" + before).join("\n") : multi, before);
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

  // Where the "}" that closes a brace opened before start is, if any (reply.py _closing_brace).
  function closingBrace(text, start) { return unopenedClose(text, "{}", start, start + EXCHANGE_LED_CHARS); }

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

  MFKB.bounces.reply = { REPLY_RE: REPLY_RE, WEBMAIL_SMTP_ERROR_HEAD: WEBMAIL_SMTP_ERROR_HEAD, wholeReply: wholeReply, replyIn: replyIn };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
