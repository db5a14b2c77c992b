// generator/bounces/java_mail.py: Java Mail's SMTPAddressFailedException entries.
(function (MFKB) {
  "use strict";
  var ADDRESS_SEARCH = MFKB.bounces.address.ADDRESS_SEARCH;

  // Java Mail's SMTPAddressFailedException, and a log's label of each cause (java_mail.py ENTRY_RE).
  var JAVA_MAIL_ENTRY_RE = /(?:\bSMTPAddressFailedException|'Invalid Addresses'[^\n:]*):[ \t]*(?=[45][0-9][0-9][ -])/g;

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

  MFKB.bounces.java_mail = { javaMailEntries: javaMailEntries };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
