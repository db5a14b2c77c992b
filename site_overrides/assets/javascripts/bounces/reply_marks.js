// generator/bounces/reply_marks.py: what closes a reply a report quotes: the marks of the text around
// it (a log's parenthesis, a quote, a library's 'with message "..."', Markdown's backquote).
(function (MFKB) {
  "use strict";

  // Symfony's and SwiftMailer's 'with message "550 ...".' (reply_marks.py LIBRARY_QUOTE_BEFORE_RE).
  var LIBRARY_QUOTE_BEFORE_RE = /\bwith message \\?"$/;
  var LIBRARY_QUOTE_AFTER_RE = /"\.?$/;
  // sendmail's "(reason: 550 ...)": its parenthesis closes the reply (reply_marks.py SENDMAIL_REASON_BEFORE_RE).
  var SENDMAIL_REASON_BEFORE_RE = /\(reason:[ \t]*$/;

  // The reply up to the first ")" that closes a parenthesis opened before it (reply_marks.py before_unopened_parenthesis).
  function beforeUnopenedParenthesis(reply) {
    var close = unopenedClose(reply, "()", 0, reply.length);
    return close === null ? reply : reply.slice(0, close);
  }

  // Where, between start and end, the first closing mark of pair is that closes one opened before
  // start, if any (reply_marks.py unopened_close).
  function unopenedClose(text, pair, start, end) {
    var depth = 0;
    for (var at = start; at < Math.min(text.length, end); at++) {
      depth += (text[at] === pair[0]) - (text[at] === pair[1]);
      if (depth < 0) return at;
    }
    return null;
  }

  // The reply without the closing marks of the text around it (reply_marks.py balanced).
  function balanced(reply, before) {
    if (SENDMAIL_REASON_BEFORE_RE.test(before)) return beforeUnopenedParenthesis(reply);
    var count = function (text, c) { return text.split(c).length - 1; };
    // The ")" at the reply's end that close parentheses opened before it (reply_marks.py _without_unopened_closes).
    var withoutUnopenedCloses = function (text) {
      for (var extra = count(text, ")") - count(text, "("), end = text.length; extra > 0 && text[end - 1] === ")"; extra--) end--;
      return text.slice(0, end);
    };
    reply = withoutUnopenedCloses(reply);
    if (LIBRARY_QUOTE_BEFORE_RE.test(before)) {
      reply = withoutLibraryQuote(reply, before);
    } else {
      ["'", '"'].forEach(function (mark) {
        // Outlook Express's "Server Response: '550 ...', Port: 25": the quote opened before it closes it (reply_marks.py)
        var close = reply.indexOf(mark + ", ");
        if (before.endsWith(mark) && count(before, mark) % 2 && close > 0) reply = reply.slice(0, close);
        // a note's sentence ending after its quote of a reply: '... command)".' (reply_marks.py balanced)
        if (reply.endsWith(mark + ".") && count(before, mark) % 2) reply = reply.slice(0, -1);
        if (reply.endsWith(mark) && count(before, mark) % 2) reply = reply.slice(0, -1);
      });
      reply = withoutUnopenedCloses(reply);
    }
    if (reply.endsWith("`") && count(reply, "`") % 2) reply = reply.slice(0, -1);
    return reply;
  }

  // Symfony's and SwiftMailer's 'with message "550 ...".': the last quote is the library's (reply_marks.py
  // without_library_quote).
  function withoutLibraryQuote(reply, before) {
    return LIBRARY_QUOTE_BEFORE_RE.test(before) ? reply.replace(LIBRARY_QUOTE_AFTER_RE, "") : reply;
  }

  MFKB.bounces.reply_marks = { balanced: balanced, beforeUnopenedParenthesis: beforeUnopenedParenthesis,
    unopenedClose: unopenedClose, withoutLibraryQuote: withoutLibraryQuote };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
