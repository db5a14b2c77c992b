// generator/bounces/address.py: an email address, as the reports write them.
(function (MFKB) {
  "use strict";

  // A local part never starts with "*" or "`": "**a@b**" is an address in Markdown
  // bold, "`a@b`" one in Markdown code.
  // Nor with a log's key: "from=a@b to=c@d" (address.py LOG_KEY), a quote or a brace ("{'a@b': (550, ...)}",
  // "{u'a@b': ...}"); the domain's last label holds a letter ("python@3.9" in a file path is none);
  // an "_" between the characters of another label is a placeholder's ("user@your_domain.com").
  // RFC 6531's non-ASCII letters of the scripts read, in the Basic Multilingual Plane (address.py LETTERS);
  // a top-level domain is of one script, 한국 and 삼성 the only Hangul ones (address.py TOP_LABEL).
  var LATIN = "\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u1E00-\\u1EFF";
  var OTHER = "\\u0370-\\u037D\\u037F-\\u0386\\u0388-\\u03FF\\u0400-\\u052F\\u05D0-\\u05EA\\u0620-\\u064A" +
    "\\u0900-\\u0963\\u0966-\\u0DFF\\u0E01-\\u0E4E\\u1100-\\u11FF\\u3041-\\u30FF\\u3400-\\u4DBF" +
    "\\u4E00-\\u9FFF\\uAC00-\\uD7A3\\uF900-\\uFAFF";
  var LETTERS = LATIN + OTHER;
  var TOP_LABEL = "(?:(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9-]+(?![A-Za-z0-9" + LATIN + "-])|[A-Za-z0-9-]*[" + LATIN + "][A-Za-z0-9" +
    LATIN + "-]*|\\uD55C\\uAD6D|\\uC0BC\\uC131|[" + OTHER + "]+)";
  // A local part of another script's letters holds no ASCII letter and starts where its run does (address.py LOCAL_PART);
  // it runs to at most 256 characters: a search may start after each quote or "*" of a run such as "a'a'a'...",
  // each start scanning the whole run (address.py LOCAL_PART_CHARS).
  // Or quoted: '"john doe"@example.com', '"a@b"@example.com' (address.py QUOTED_LOCAL_PART).
  var QUOTED_LOCAL_PART = '"(?:[ !#-\\[\\]-~]|\\\\[ -~]){1,64}"';
  var LOCAL_PART = "(?:" + QUOTED_LOCAL_PART + "|(?<![" + OTHER + "])[" + OTHER + "][" + OTHER + "0-9.!#$%&'*+/=?^_`{|}~-]{0,255}|[A-Za-z0-9.!#$%&+/=?^_|}~" +
    LATIN + "-][A-Za-z0-9.!#$%&'*+/=?^_`{|}~" + LATIN + "-]{0,255})";
  var ADDRESS = "(?!(?:from|to|orig_to|id)=|[uUbB]')" + LOCAL_PART + "@[A-Za-z0-9" + LETTERS + "-]+(?:_[A-Za-z0-9" + LETTERS +
    "-]+)*(?:\\.[A-Za-z0-9" + LETTERS + "-]+(?:_[A-Za-z0-9" + LETTERS + "-]+)*)*\\." + TOP_LABEL;
  // Searched for only where a local part can start, or right after a log's key (address.py ADDRESS_RE).
  var ADDRESS_SEARCH = "(?<![A-Za-z0-9.!#$%&+/?^_|}~" + LATIN + "-])(?:(?<!=)|(?<=\\bfrom=)|(?<=\\bto=)|(?<=\\borig_to=)|(?<=\\bid=))" + ADDRESS;
  // A line of an address alone does not continue a reply (reply.py ADDRESS_LINE_AHEAD).
  var ADDRESS_LINE = "[ \\t]*<?(" + ADDRESS + ")>?[ \\t]*";

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

  MFKB.bounces.address = { ADDRESS_LINE: ADDRESS_LINE, ADDRESS: ADDRESS, uniqueList: uniqueList,
    allAddresses: allAddresses, ADDRESS_SEARCH: ADDRESS_SEARCH, addressIn: addressIn };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
